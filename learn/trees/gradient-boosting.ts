import { startHistogramEngine, startHistogramHelpers, type HistogramHelpers } from '../parallel/histogram-pool';
import { defaultThreads } from '../parallel/default-threads';
import { assertDataset, assertSameFeatures } from '../dataset';
import { mulberry32 } from '../random';
import type { FeatureMatrix, Labels, Probabilities } from '../types';
import { binMatrix } from './binning';
import { histogramLayout } from './histogram-layout';
import { toRowMajor } from './row-major-histogram';
import { predictAdditive, type AdditiveTrees } from './additive-trees';
import { finishTree, leafOfBinned, treeFromJSON, treeToJSON, type FlatTree, type FlatTreeJSON } from './flat-tree';
import { sampleFeatures, sampleRows } from './sampling';
import type { GrownTree } from './grown-tree';
import { growTree } from './tree-grower';

/** Options for {@link GradientBoostingClassifier}. */
export interface GradientBoostingOptions {
  /** Boosting rounds (trees). Default 100. */
  nRounds?: number;
  /** Shrinkage applied to every leaf value. Default 0.1. */
  learningRate?: number;
  /** Deepest split level of each tree. Default 3. */
  maxDepth?: number;
  /** Fewest rows in a leaf. Default 20 (as scikit-learn's HistGradientBoosting). */
  minSamplesLeaf?: number;
  /** Smallest hessian sum in a leaf. Default 1e-3. */
  minChildWeight?: number;
  /** Chance that a row takes part in each round's tree (drawn per row and round). Default 1. */
  subsample?: number;
  /** Share of features each tree may split on, drawn per tree. Default 1. */
  featureFraction?: number;
  /** L2 penalty on leaf values. Default 0. */
  l2?: number;
  /** Smallest gain a split must exceed. Default 0. */
  minGain?: number;
  /** Most histogram bins per feature (2..256). Default 256. */
  maxBins?: number;
  /** Seed of row and feature sampling. Default 0. */
  seed?: number;
  /**
   * Threads that share histogram building; the model is identical for any count.
   * Default: available cores.
   */
  threads?: number;
}

/** Serialised booster; typed arrays become plain arrays. */
export interface GradientBoostingJSON {
  type: 'GradientBoostingClassifier';
  version: 1;
  names: string[];
  binEdges: number[][];
  options: Required<GradientBoostingOptions>;
  baseScore: number;
  importances: number[];
  trees: FlatTreeJSON[];
}

/** Below this many rows boosting stays on one thread. */
const PARALLEL_MIN_ROWS = 10_000;

/**
 * Gradient-boosted trees for log loss. Each round fits a tree to the gradient and
 * hessian of the loss and sets leaves to the Newton step −G/(H+λ), scaled by the
 * learning rate; the initial score is the log-odds of the base churn rate.
 */
export class GradientBoostingClassifier {
  readonly options: Required<GradientBoostingOptions>;
  private names: string[] = [];
  private binEdges: Float64Array[] = [];
  private trees: FlatTree[] = [];
  private baseScore = 0;
  private importances = new Float64Array(0);

  constructor(options: GradientBoostingOptions = {}) {
    this.options = {
      nRounds: options.nRounds ?? 100,
      learningRate: options.learningRate ?? 0.1,
      maxDepth: options.maxDepth ?? 3,
      minSamplesLeaf: options.minSamplesLeaf ?? 20,
      minChildWeight: options.minChildWeight ?? 1e-3,
      subsample: options.subsample ?? 1,
      featureFraction: options.featureFraction ?? 1,
      l2: options.l2 ?? 0,
      minGain: options.minGain ?? 0,
      maxBins: options.maxBins ?? 256,
      seed: options.seed ?? 0,
      threads: options.threads ?? defaultThreads(),
    };
    const o = this.options;
    if (!(o.subsample > 0 && o.subsample <= 1)) throw new RangeError(`subsample must be in (0, 1], got ${o.subsample}`);
    if (!(o.featureFraction > 0 && o.featureFraction <= 1)) {
      throw new RangeError(`featureFraction must be in (0, 1], got ${o.featureFraction}`);
    }
  }

  train(x: FeatureMatrix, labels: Labels): this {
    assertDataset(x, labels);
    // Helper threads pay off only when histograms are big enough to hide the hand-off.
    const threads = x.nRows >= PARALLEL_MIN_ROWS ? this.options.threads : 1;
    // Started before binning, so they boot while this thread bins.
    const helpers = startHistogramHelpers(threads);
    try {
      return this.fit(x, labels, helpers);
    } finally {
      helpers.close();
    }
  }

  private fit(x: FeatureMatrix, labels: Labels, helpers: HistogramHelpers): this {
    const o = this.options;
    const n = x.nRows;
    const binned = binMatrix(x, { maxBins: o.maxBins });
    const rowCodes = toRowMajor(binned.codes, n);
    const rng = mulberry32(o.seed);
    let positives = 0;
    for (let i = 0; i < n; i++) positives += labels[i];
    const rate = Math.min(Math.max(positives / n, 1e-12), 1 - 1e-12);
    this.baseScore = Math.log(rate / (1 - rate));
    const expNegScore = new Float64Array(n).fill((1 - rate) / rate);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const nTreeFeatures = Math.max(1, Math.round(o.featureFraction * x.columns.length));
    const gains = new Float64Array(x.columns.length);
    this.trees = [];
    const maxLive = Math.min(64, Math.max(1, o.maxDepth) + 3);
    const engine = startHistogramEngine(histogramLayout(binned.nBins), binned.codes, rowCodes, n, maxLive, helpers);
    try {
      for (let round = 0; round < o.nRounds; round++) {
        const { inBag: rows, outOfBag } = sampleRows(n, o.subsample, rng);
        logLossGradients(rows, expNegScore, labels, grad, hess);
        const features = sampleFeatures(x.columns.length, nTreeFeatures, rng);
        const grown = growTree(
          { codes: binned.codes, nBins: binned.nBins, grad, hess, rows, features, engine },
          {
            maxDepth: o.maxDepth,
            minSamplesLeaf: o.minSamplesLeaf,
            minChildWeight: o.minChildWeight,
            l2: o.l2,
            minGain: o.minGain,
            featuresPerSplit: features.length,
          },
        );
        // An empty subsample leaves a root with no hessian; it then contributes nothing.
        const tree = finishTree(grown, binned.thresholds, (g, h) => (h + o.l2 > 0 ? (-o.learningRate * g) / (h + o.l2) : 0));
        for (let j = 0; j < gains.length; j++) gains[j] += grown.gainByFeature[j];
        applyTree(tree, grown, outOfBag, binned.codes, expNegScore);
        this.trees.push(tree);
      }
    } finally {
      engine.close();
    }
    const total = gains.reduce((a, b) => a + b, 0);
    this.importances = total > 0 ? gains.map((g) => g / total) : gains;
    this.names = x.names.slice();
    this.binEdges = binned.thresholds;
    return this;
  }

  /** Raw log-odds score per row. */
  decisionFunction(x: FeatureMatrix): Float64Array {
    assertSameFeatures(x, this.names);
    return predictAdditive({ ...this.additiveTrees(), finish: (sum) => sum }, x);
  }

  predictProba(x: FeatureMatrix): Probabilities {
    assertSameFeatures(x, this.names);
    return predictAdditive(this.additiveTrees(), x);
  }

  /** Probability = sigmoid of the base score plus the trees' outputs. */
  additiveTrees(): AdditiveTrees {
    if (this.names.length === 0) throw new Error('GradientBoostingClassifier is not trained; call train() or load() first');
    return { trees: this.trees, start: this.baseScore, finish: (sum) => 1 / (1 + Math.exp(-sum)) };
  }

  /** Class labels at `threshold` (default 0.5, inclusive). */
  predict(x: FeatureMatrix, threshold = 0.5): Labels {
    return Uint8Array.from(this.predictProba(x), (p) => (p >= threshold ? 1 : 0));
  }

  /** Total split gain per feature, normalised to sum to 1. */
  featureImportances(): Float64Array {
    return Float64Array.from(this.importances);
  }

  get featureNames(): string[] {
    return this.names.slice();
  }

  get fittedTrees(): readonly FlatTree[] {
    return this.trees;
  }

  toJSON(): GradientBoostingJSON {
    return {
      type: 'GradientBoostingClassifier',
      version: 1,
      names: this.names.slice(),
      binEdges: this.binEdges.map((e) => Array.from(e)),
      options: { ...this.options },
      baseScore: this.baseScore,
      importances: Array.from(this.importances),
      trees: this.trees.map(treeToJSON),
    };
  }

  static load(json: GradientBoostingJSON): GradientBoostingClassifier {
    if (json.type !== 'GradientBoostingClassifier') {
      throw new TypeError(`expected a GradientBoostingClassifier model, got '${json.type}'`);
    }
    const model = new GradientBoostingClassifier(json.options);
    model.names = json.names.slice();
    model.binEdges = json.binEdges.map((e) => Float64Array.from(e));
    model.baseScore = json.baseScore;
    model.importances = Float64Array.from(json.importances);
    model.trees = json.trees.map(treeFromJSON);
    return model;
  }
}

/** Log-loss gradient and hessian of the listed rows, from each row's exp(−score). */
function logLossGradients(rows: Int32Array, expNegScore: Float64Array, labels: Labels, grad: Float64Array, hess: Float64Array): void {
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const p = 1 / (1 + expNegScore[i]);
    grad[i] = p - labels[i];
    hess[i] = Math.max(p * (1 - p), 1e-16);
  }
}

/**
 * Adds a new tree's leaf values to every row's score, kept as exp(−score) so a round
 * costs one exp per leaf rather than one per row. The tree's own rows are found
 * through the partition it was grown on; only the rows left out of its sample walk it.
 */
function applyTree(tree: FlatTree, grown: GrownTree, outOfBag: Int32Array, codes: Uint8Array[], expNegScore: Float64Array): void {
  const factor = tree.value.map((v) => Math.exp(-v));
  for (let node = 0; node < factor.length; node++) {
    if (tree.feature[node] >= 0) continue;
    const f = factor[node];
    for (let k = grown.start[node]; k < grown.end[node]; k++) expNegScore[grown.rows[k]] *= f;
  }
  for (let k = 0; k < outOfBag.length; k++) {
    const i = outOfBag[k];
    expNegScore[i] *= factor[leafOfBinned(tree, codes, i)];
  }
}
