import { deriveSeed, mulberry32, randomInt, type Rng } from '../random';
import { COUNTED_SLOTS, type HistogramLayout } from './histogram-layout';
import { accumulateFeatureRange, withRowCounts } from './node-histogram';
import {
  scanFeature,
  scanFeatureBounded,
  scanFeatureSorted,
  type RowBound,
  type SplitCandidate,
  type SplitConstraints,
} from './split-finder';

/** Below this many rows a node sorts its codes rather than sweeping 256 histogram bins. */
const SORTED_SCAN_ROWS = 128;

/** A node's rows and sums, as the splitter sees them. */
export interface NodeRows {
  /** The node's rows are rows[start..end) of the tree's row list. */
  start: number;
  end: number;
  sumG: number;
  sumH: number;
  count: number;
  /** Seed of the node's feature draw. */
  seed: number;
}

/** Seeds of a node's two children, derived from the node's own: a node's seed follows from its path from the root. */
export function childSeeds(seed: number): [number, number] {
  return [deriveSeed(seed, 0), deriveSeed(seed, 1)];
}

/** What every split search in one tree reads; nothing here is mutated. */
export interface SplitterData {
  codes: Uint8Array[];
  nBins: Int32Array;
  grad: Float64Array;
  hess: Float64Array;
  /** The tree's row list, partitioned node by node as the tree grows. */
  rows: Int32Array;
  layout: HistogramLayout;
  /** Features the tree may split on. */
  features: Int32Array;
  rowBound: RowBound;
}

/**
 * Finds the best split of one node, in one of two ways: from the node's full histogram
 * (every tree feature, kept when most features are tried at every node), or directly
 * from the rows of the features drawn for the node. Features are drawn without
 * replacement from the tree's features until `perSplit` non-constant ones were tried.
 *
 * A node's draw depends only on its seed, which depends only on its place in the tree
 * (see childSeeds), not on the order in which nodes are grown: a tree grown to depth d
 * is then exactly a deeper tree with the same seed cut at depth d, which lets one
 * forest stand for every depth of a grid search.
 */
export class NodeSplitter {
  private readonly order: Int32Array;
  // One feature's bins with row counts: built from rows (kept zeroed between uses) or copied from a full histogram.
  private readonly scratch = new Float64Array(256 * COUNTED_SLOTS);
  private readonly counted = new Float64Array(256 * COUNTED_SLOTS);
  private readonly sortKeys = new Uint32Array(SORTED_SCAN_ROWS);

  constructor(
    private readonly data: SplitterData,
    private readonly constraints: SplitConstraints,
    private readonly perSplit: number,
  ) {
    this.order = Int32Array.from(data.features);
  }

  /** True when a node tries only some features, so its draw needs a seed. */
  get draws(): boolean {
    return this.perSplit < this.order.length;
  }

  /** Starts a node's draw: the tree's features in their original order, and the node's own stream. */
  private startDraw(seed: number): Rng | null {
    if (!this.draws) return null;
    this.order.set(this.data.features);
    return mulberry32(seed);
  }

  /** Moves a feature drawn from order[k..] to order[k] when a node tries only some of them. */
  private drawFeature(rng: Rng | null, k: number): number {
    const order = this.order;
    if (rng) {
      const j = k + randomInt(rng, order.length - k);
      const t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    return order[k];
  }

  /**
   * Scans the node's histogram without row counts first. Only features whose smallest
   * sides the hessian bound leaves unsettled and which might still beat the best split
   * found get their rows counted; the node is then scanned again with those counts,
   * which finds the split a fully counted scan would.
   */
  findInHistogram(hist: Float64Array, node: NodeRows, best: SplitCandidate): void {
    const { codes, nBins, rows, layout, rowBound } = this.data;
    const { sumG: g, sumH: h, count: n } = node;
    const rng = this.startDraw(node.seed);
    let drawn = 0;
    for (let tried = 0; drawn < this.order.length && tried < this.perSplit; drawn++) {
      if (nBins[this.drawFeature(rng, drawn)] >= 2) tried++;
    }
    const candidates = this.order.subarray(0, drawn);
    const initial = { ...best };
    const unsettledGain = new Float64Array(drawn).fill(-Infinity);
    for (let k = 0; k < drawn; k++) {
      const f = candidates[k];
      if (nBins[f] < 2) continue;
      unsettledGain[k] = scanFeatureBounded(hist, layout.offsets[f], rowBound, f, 0, nBins[f] - 1, g, h, this.constraints, best);
    }
    // A tie counts: the counted scan keeps the first of equal gains, which may be the unsettled one.
    if (!unsettledGain.some((gain) => gain >= best.gain)) return;
    const found = best.gain;
    Object.assign(best, initial);
    for (let k = 0; k < drawn; k++) {
      const f = candidates[k];
      if (nBins[f] < 2) continue;
      if (unsettledGain[k] >= found) {
        withRowCounts(this.counted, hist, layout.offsets[f], nBins[f], codes[f], rows, node.start, node.end);
        scanFeature(this.counted, f, 0, nBins[f] - 1, g, h, n, this.constraints, best);
      } else scanFeatureBounded(hist, layout.offsets[f], rowBound, f, 0, nBins[f] - 1, g, h, this.constraints, best);
    }
  }

  /** Builds each drawn feature's bins from the node's rows (or sorts them, for small nodes) and scans them. */
  findDirect(node: NodeRows, best: SplitCandidate): void {
    const { codes, nBins, grad, hess, rows } = this.data;
    const { sumG: g, sumH: h, count: n } = node;
    const scratch = this.scratch;
    const rng = this.startDraw(node.seed);
    let tried = 0;
    for (let k = 0; k < this.order.length && tried < this.perSplit; k++) {
      const f = this.drawFeature(rng, k);
      if (nBins[f] < 2) continue;
      if (n < SORTED_SCAN_ROWS) {
        if (scanFeatureSorted(this.sortKeys, codes[f], rows, node.start, node.end, grad, hess, f, g, h, this.constraints, best)) tried++;
        continue;
      }
      const packed = accumulateFeatureRange(scratch, codes[f], rows, node.start, node.end, grad, hess);
      const low = packed >>> 8;
      const high = packed & 255;
      // Like scikit-learn, a feature constant within the node does not use up a draw.
      if (low !== high) {
        tried++;
        scanFeature(scratch, f, low, high, g, h, n, this.constraints, best);
      }
      scratch.fill(0, low * COUNTED_SLOTS, (high + 1) * COUNTED_SLOTS);
    }
  }
}
