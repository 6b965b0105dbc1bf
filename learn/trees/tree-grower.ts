import { localHistogramEngine, type HistogramEngine } from './histogram-engine';
import { histogramLayout, subtractInto, type HistogramLayout } from './histogram-layout';
import { TreeNodes, type GrownTree } from './grown-tree';
import { gatherStatistics } from './node-histogram';
import { childSeeds, NodeSplitter } from './node-splitter';
import { partition } from './partition';
import type { SplitCandidate, SplitConstraints } from './split-finder';

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
  /**
   * Seed of the root's feature draw; each child's seed derives from its parent's. Needed
   * only when a node tries fewer features than the tree has (default 0).
   */
  featureSeed?: number;
}

/** A node waiting on the splitting stack. */
interface GrowingNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  /** Seed of its feature draw. */
  seed: number;
  /** Its full histogram, when the tree keeps them (see TreeGrower). */
  hist: Float64Array | null;
}

/**
 * Grows one tree depth-first over histograms of binned features, in the steps of
 * scikit-learn's hist-gradient-boosting `TreeGrower`: the root's sums and histogram,
 * then {@link splitNext} until no node is left to split, each step finding the node's
 * best split, partitioning its rows and preparing the children's histograms.
 *
 * Two histogram strategies, chosen by cost: when most candidate features are tried at
 * every node (boosting), each node keeps a full histogram and a child's is built only
 * for the smaller child, the larger being parent − smaller. When few features are
 * drawn per node (random forests, sqrt of the features), building just the drawn
 * features for each node touches fewer rows than a full histogram of the smaller child,
 * so no histograms are kept (see NodeSplitter).
 */
export class TreeGrower {
  private readonly nodes = new TreeNodes();
  private readonly stack: GrowingNode[] = [];
  private readonly engine: HistogramEngine;
  private readonly layout: HistogramLayout;
  private readonly rows: Int32Array;
  private readonly splitter: NodeSplitter;
  private readonly keepHistograms: boolean;
  private readonly gainByFeature: Float64Array;

  constructor(
    private readonly input: GrowInput,
    private readonly options: GrowOptions,
  ) {
    const { codes, nBins, features } = input;
    this.layout = histogramLayout(nBins);
    this.engine =
      input.engine && input.engine.capacity >= input.rows.length
        ? input.engine
        : localHistogramEngine(this.layout, codes, input.rows.length, input.rowCodes);
    this.rows = this.engine.rows.subarray(0, input.rows.length);
    this.rows.set(input.rows);
    const perSplit = Math.max(1, Math.min(options.featuresPerSplit, features.length));
    const strategy = options.histograms ?? 'auto';
    this.keepHistograms = strategy === 'auto' ? perSplit * 2 > features.length : strategy === 'subtract';
    this.gainByFeature = new Float64Array(codes.length);
    const { rootG, rootH, maxHessian } = this.rootSums();
    const rowBound = { maxHessian, slack: HESSIAN_SUM_SLACK * rootH };
    const data = { codes, nBins, grad: input.grad, hess: input.hess, rows: this.rows, layout: this.layout, features, rowBound };
    this.splitter = new NodeSplitter(data, options, perSplit);
    const root = this.nodes.add(0, this.rows.length, rootG, rootH);
    const hist = this.keepHistograms && this.splittable(0, root) ? this.buildHistogram(0, this.rows.length) : null;
    this.stack.push({ id: root, start: 0, end: this.rows.length, depth: 0, seed: (input.featureSeed ?? 0) >>> 0, hist });
  }

  /** Splits nodes until none is left; returns the tree. */
  grow(): GrownTree {
    while (this.stack.length > 0) this.splitNext();
    return this.nodes.finish(this.rows, this.gainByFeature);
  }

  /** Splits the node on top of the stack into two children pushed back on it, or leaves it a leaf. */
  splitNext(): void {
    const node = this.stack.pop() as GrowingNode;
    const best = this.findSplit(node);
    if (!best) {
      if (node.hist) this.engine.release(node.hist);
      return;
    }
    const [left, right] = this.applySplit(node, best);
    const leftSmaller = left.end - left.start <= right.end - right.start;
    const small = leftSmaller ? left : right;
    const large = leftSmaller ? right : left;
    if (node.hist) this.childHistograms(node.hist, small, large);
    // Smaller child on top of the stack keeps the number of live histograms near the depth.
    this.stack.push(large, small);
  }

  /** The node's best split above the minimum gain, or null when it must stay a leaf. */
  private findSplit(node: GrowingNode): SplitCandidate | null {
    if (!this.splittable(node.depth, node.id)) return null;
    const best: SplitCandidate = { gain: this.options.minGain, feature: -1, bin: 0, leftG: 0, leftH: 0 };
    const sums = { start: node.start, end: node.end, sumG: this.nodes.sumG[node.id], sumH: this.nodes.sumH[node.id], count: this.nodes.count[node.id], seed: node.seed };
    if (node.hist) this.splitter.findInHistogram(node.hist, sums, best);
    else this.splitter.findDirect(sums, best);
    return best.feature < 0 ? null : best;
  }

  /** Partitions the node's rows by the split and records the two children. */
  private applySplit(node: GrowingNode, best: SplitCandidate): [GrowingNode, GrowingNode] {
    const mid = partition(this.rows, node.start, node.end, this.input.codes[best.feature], best.bin);
    this.gainByFeature[best.feature] += best.gain;
    const g = this.nodes.sumG[node.id];
    const h = this.nodes.sumH[node.id];
    const left = this.nodes.add(node.start, mid, best.leftG, best.leftH);
    const right = this.nodes.add(mid, node.end, g - best.leftG, h - best.leftH);
    this.nodes.split(node.id, best.feature, best.bin, left, right);
    const depth = node.depth + 1;
    const [leftSeed, rightSeed] = this.splitter.draws ? childSeeds(node.seed) : [0, 0];
    return [
      { id: left, start: node.start, end: mid, depth, seed: leftSeed, hist: null },
      { id: right, start: mid, end: node.end, depth, seed: rightSeed, hist: null },
    ];
  }

  /**
   * Gives each child that may split its histogram: the smaller child's is built from its
   * rows, the larger one's is the parent's minus the smaller's, computed in place.
   */
  private childHistograms(parent: Float64Array, small: GrowingNode, large: GrowingNode): void {
    const smallNeeds = this.splittable(small.depth, small.id);
    if (this.splittable(large.depth, large.id)) {
      const smallHist = this.buildHistogram(small.start, small.end);
      subtractInto(parent, smallHist, this.layout, this.input.features);
      large.hist = parent;
      if (smallNeeds) small.hist = smallHist;
      else this.engine.release(smallHist);
    } else {
      this.engine.release(parent);
      if (smallNeeds) small.hist = this.buildHistogram(small.start, small.end);
    }
  }

  private splittable(depth: number, id: number): boolean {
    const { maxDepth, minSamplesLeaf, minChildWeight } = this.options;
    return depth < maxDepth && this.nodes.count[id] >= 2 * minSamplesLeaf && this.nodes.sumH[id] >= 2 * minChildWeight;
  }

  private buildHistogram(start: number, end: number): Float64Array {
    const hist = this.engine.acquire();
    gatherStatistics(this.rows, start, end, this.input.grad, this.input.hess, this.engine.g, this.engine.h);
    this.engine.build(hist, start, end, this.input.features);
    return hist;
  }

  private rootSums(): { rootG: number; rootH: number; maxHessian: number } {
    const { grad, hess } = this.input;
    let rootG = 0;
    let rootH = 0;
    let maxHessian = 0;
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      rootG += grad[r];
      rootH += hess[r];
      if (hess[r] > maxHessian) maxHessian = hess[r];
    }
    return { rootG, rootH, maxHessian };
  }
}

/** Grows one tree; see {@link TreeGrower}. */
export function growTree(input: GrowInput, options: GrowOptions): GrownTree {
  return new TreeGrower(input, options).grow();
}
