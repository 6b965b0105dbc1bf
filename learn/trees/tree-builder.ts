import { randomInt, type Rng } from '../random';
import { localHistogramEngine, type HistogramEngine } from './histogram-engine';
import {
  accumulateFeatureRange,
  COUNTED_SLOTS,
  gatherStatistics,
  histogramLayout,
  subtractInto,
  withRowCounts,
} from './histogram';
import { partition } from './partition';
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
/**
 * Relative error allowed for a hessian sum read from a histogram (rounding over
 * additions and parent − sibling subtractions), far above what millions of rows reach.
 */
const HESSIAN_SUM_SLACK = 1e-6;

/** Limits on one tree; resolved by the forest or booster that grows it. */
export interface GrowOptions extends SplitConstraints {
  /** Deepest level a split may create (root is depth 0). Infinity for no limit. */
  maxDepth: number;
  /** Smallest gain a split must exceed. */
  minGain: number;
  /** Features tried at each node, drawn afresh per node when fewer than the candidates. */
  featuresPerSplit: number;
  /**
   * 'subtract' keeps per-node histograms and derives the larger child from its sibling;
   * 'direct' builds only the features tried at each node. Default 'auto' picks by cost.
   */
  histograms?: 'auto' | 'subtract' | 'direct';
}

/** Binned data and per-row gradient statistics; nothing here is mutated. */
export interface GrowInput {
  codes: Uint8Array[];
  nBins: Int32Array;
  grad: Float64Array;
  hess: Float64Array;
  /** Rows that belong to this tree, each once. */
  rows: Int32Array;
  /** Features the tree may split on. */
  features: Int32Array;
  /** Optional row-major copy of `codes` (see toRowMajor); speeds up full histograms. */
  rowCodes?: Uint8Array;
  /** Where full histograms are built; a fresh single-threaded engine when absent. */
  engine?: HistogramEngine;
  rng: Rng;
}

/** Tree structure with per-node sums; leaves have feature -1. */
export interface GrownTree {
  feature: Int32Array;
  bin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  sumG: Float64Array;
  sumH: Float64Array;
  count: Float64Array;
  /** The tree's rows, reordered so that node i holds rows[start[i]..end[i]). */
  rows: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Total split gain credited to each feature (length = number of features). */
  gainByFeature: Float64Array;
}

interface PendingNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array | null;
}

/**
 * Grows one tree depth-first over histograms of binned features.
 *
 * Two histogram strategies, chosen by cost: when most candidate features are tried at
 * every node (boosting), each node keeps a full histogram and a child's is built only
 * for the smaller child, the larger being parent − smaller. When few features are
 * drawn per node (random forests, sqrt of the features), building just the drawn
 * features for each node touches fewer rows than a full histogram of the smaller child,
 * so no histograms are kept; nodes under SORTED_SCAN_ROWS rows sort their codes
 * instead of sweeping every bin.
 */
export function growTree(input: GrowInput, options: GrowOptions): GrownTree {
  const { codes, nBins, grad, hess, features, rng } = input;
  const layout = histogramLayout(nBins);
  const engine =
    input.engine && input.engine.capacity >= input.rows.length
      ? input.engine
      : localHistogramEngine(layout, codes, input.rows.length, input.rowCodes);
  const rows = engine.rows.subarray(0, input.rows.length);
  rows.set(input.rows);
  const gNode = engine.g;
  const hNode = engine.h;
  const perSplit = Math.max(1, Math.min(options.featuresPerSplit, features.length));
  const strategy = options.histograms ?? 'auto';
  const keepHistograms = strategy === 'auto' ? perSplit * 2 > features.length : strategy === 'subtract';
  const order = Int32Array.from(features);
  // One feature's bins with row counts: built from rows (kept zeroed between uses) or copied from a full histogram.
  const scratch = new Float64Array(256 * COUNTED_SLOTS);
  const counted = new Float64Array(256 * COUNTED_SLOTS);
  const sortKeys = new Uint32Array(SORTED_SCAN_ROWS);
  const nodes = {
    feature: [] as number[],
    bin: [] as number[],
    left: [] as number[],
    right: [] as number[],
    start: [] as number[],
    end: [] as number[],
  };
  const stats = { g: [] as number[], h: [] as number[], n: [] as number[] };
  const gainByFeature = new Float64Array(codes.length);

  const buildFull = (start: number, end: number): Float64Array => {
    const hist = engine.acquire();
    gatherStatistics(rows, start, end, grad, hess, gNode, hNode);
    engine.build(hist, start, end, features);
    return hist;
  };
  const addNode = (start: number, end: number, g: number, h: number): number => {
    nodes.feature.push(-1);
    nodes.bin.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    nodes.start.push(start);
    nodes.end.push(end);
    stats.g.push(g);
    stats.h.push(h);
    stats.n.push(end - start);
    return nodes.feature.length - 1;
  };
  const splittable = (depth: number, n: number, h: number): boolean =>
    depth < options.maxDepth && n >= 2 * options.minSamplesLeaf && h >= 2 * options.minChildWeight;

  let rootG = 0;
  let rootH = 0;
  let maxHessian = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    rootG += grad[r];
    rootH += hess[r];
    if (hess[r] > maxHessian) maxHessian = hess[r];
  }
  const rowBound: RowBound = { maxHessian, slack: HESSIAN_SUM_SLACK * rootH };
  const root = addNode(0, rows.length, rootG, rootH);
  const stack: PendingNode[] = [
    {
      id: root,
      start: 0,
      end: rows.length,
      depth: 0,
      hist: keepHistograms && splittable(0, rows.length, rootH) ? buildFull(0, rows.length) : null,
    },
  ];

  while (stack.length > 0) {
    const node = stack.pop() as PendingNode;
    const g = stats.g[node.id];
    const h = stats.h[node.id];
    const n = stats.n[node.id];
    const best: SplitCandidate = { gain: options.minGain, feature: -1, bin: 0, leftG: 0, leftH: 0 };
    if (splittable(node.depth, n, h)) {
      if (node.hist) findSplitInHistogram(node.hist, node, g, h, n, best);
      else findSplitDirect(node, g, h, n, best);
    }
    if (best.feature < 0) {
      if (node.hist) engine.release(node.hist);
      continue;
    }
    const mid = partition(rows, node.start, node.end, codes[best.feature], best.bin);
    gainByFeature[best.feature] += best.gain;
    const left = addNode(node.start, mid, best.leftG, best.leftH);
    const right = addNode(mid, node.end, g - best.leftG, h - best.leftH);
    nodes.feature[node.id] = best.feature;
    nodes.bin[node.id] = best.bin;
    nodes.left[node.id] = left;
    nodes.right[node.id] = right;
    const leftNode: PendingNode = { id: left, start: node.start, end: mid, depth: node.depth + 1, hist: null };
    const rightNode: PendingNode = { id: right, start: mid, end: node.end, depth: node.depth + 1, hist: null };
    const leftSmaller = mid - node.start <= node.end - mid;
    const small = leftSmaller ? leftNode : rightNode;
    const large = leftSmaller ? rightNode : leftNode;
    if (node.hist) {
      const smallNeeds = splittable(small.depth, stats.n[small.id], stats.h[small.id]);
      const largeNeeds = splittable(large.depth, stats.n[large.id], stats.h[large.id]);
      if (largeNeeds) {
        const smallHist = buildFull(small.start, small.end);
        subtractInto(node.hist, smallHist, layout, features);
        large.hist = node.hist;
        if (smallNeeds) small.hist = smallHist;
        else engine.release(smallHist);
      } else {
        engine.release(node.hist);
        if (smallNeeds) small.hist = buildFull(small.start, small.end);
      }
    }
    // Smaller child on top of the stack keeps the number of live histograms near the depth.
    stack.push(large, small);
  }

  /** Moves a feature drawn from order[k..] to order[k] when a node tries only some of them. */
  function drawFeature(k: number): number {
    if (perSplit < order.length) {
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
  function findSplitInHistogram(hist: Float64Array, node: PendingNode, g: number, h: number, n: number, best: SplitCandidate): void {
    const constraints: SplitConstraints = options;
    let drawn = 0;
    for (let tried = 0; drawn < order.length && tried < perSplit; drawn++) {
      if (nBins[drawFeature(drawn)] >= 2) tried++;
    }
    const candidates = order.subarray(0, drawn);
    const initial = { ...best };
    const unsettledGain = new Float64Array(drawn).fill(-Infinity);
    for (let k = 0; k < drawn; k++) {
      const f = candidates[k];
      if (nBins[f] < 2) continue;
      unsettledGain[k] = scanFeatureBounded(hist, layout.offsets[f], rowBound, f, 0, nBins[f] - 1, g, h, constraints, best);
    }
    // A tie counts: the counted scan keeps the first of equal gains, which may be the unsettled one.
    if (!unsettledGain.some((gain) => gain >= best.gain)) return;
    const found = best.gain;
    Object.assign(best, initial);
    for (let k = 0; k < drawn; k++) {
      const f = candidates[k];
      if (nBins[f] < 2) continue;
      if (unsettledGain[k] >= found) {
        withRowCounts(counted, hist, layout.offsets[f], nBins[f], codes[f], rows, node.start, node.end);
        scanFeature(counted, f, 0, nBins[f] - 1, g, h, n, constraints, best);
      } else scanFeatureBounded(hist, layout.offsets[f], rowBound, f, 0, nBins[f] - 1, g, h, constraints, best);
    }
  }

  function findSplitDirect(node: PendingNode, g: number, h: number, n: number, best: SplitCandidate): void {
    const constraints: SplitConstraints = options;
    let tried = 0;
    for (let k = 0; k < order.length && tried < perSplit; k++) {
      const f = drawFeature(k);
      if (nBins[f] < 2) continue;
      if (n < SORTED_SCAN_ROWS) {
        if (scanFeatureSorted(sortKeys, codes[f], rows, node.start, node.end, grad, hess, f, g, h, constraints, best)) tried++;
        continue;
      }
      const packed = accumulateFeatureRange(scratch, codes[f], rows, node.start, node.end, grad, hess);
      const low = packed >>> 8;
      const high = packed & 255;
      // Like scikit-learn, a feature constant within the node does not use up a draw.
      if (low !== high) {
        tried++;
        scanFeature(scratch, f, low, high, g, h, n, constraints, best);
      }
      scratch.fill(0, low * COUNTED_SLOTS, (high + 1) * COUNTED_SLOTS);
    }
  }

  return {
    feature: Int32Array.from(nodes.feature),
    bin: Int32Array.from(nodes.bin),
    left: Int32Array.from(nodes.left),
    right: Int32Array.from(nodes.right),
    sumG: Float64Array.from(stats.g),
    sumH: Float64Array.from(stats.h),
    count: Float64Array.from(stats.n),
    rows: rows.slice(),
    start: Int32Array.from(nodes.start),
    end: Int32Array.from(nodes.end),
    gainByFeature,
  };
}

