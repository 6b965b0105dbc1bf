import { defaultThreads } from '../parallel/default-threads';
import { assertDataset, assertSameFeatures } from '../dataset';
import { trainForestTrees } from '../parallel/forest-pool';
import type { FeatureMatrix, Labels, Probabilities } from '../types';
import { binMatrix } from './binning';
import { predictAdditive, type AdditiveTrees } from './additive-trees';
import { treeFromJSON, treeToJSON, type FlatTree, type FlatTreeJSON } from './flat-tree';
import { resolveMaxFeatures, type MaxFeatures } from './max-features';

/** Options for {@link RandomForestClassifier}. */
export interface RandomForestOptions {
  /** Number of trees. Default 100. */
  nTrees?: number;
  /** Deepest split level; Infinity grows until leaves are pure or too small. Default Infinity. */
  maxDepth?: number;
  /** Fewest rows (distinct bootstrap rows) in a leaf. Default 1. */
  minSamplesLeaf?: number;
  /** Features drawn per split. Default 'sqrt'. */
  maxFeatures?: MaxFeatures;
  /** Sample rows with replacement for each tree. Default true. */
  bootstrap?: boolean;
  /** Smallest impurity decrease a split must exceed. Default 0. */
  minGain?: number;
  /** Most histogram bins per feature (2..256). Default 256. */
  maxBins?: number;
  /** Seed; tree t uses a stream derived from (seed, t). Default 0. */
  seed?: number;
  /** Worker threads for training; 1 trains in-process. Default: available cores. */
  threads?: number;
}

/** Serialised forest; typed arrays become plain arrays. */
export interface RandomForestJSON {
  type: 'RandomForestClassifier';
  version: 1;
  names: string[];
  /** Upper bin edges per feature, for binning raw values the way training did. */
  binEdges: number[][];
  /** `maxDepth` is null when unlimited (JSON has no Infinity). */
  options: Omit<Required<RandomForestOptions>, 'maxDepth'> & { maxDepth: number | null };
  importances: number[];
  trees: FlatTreeJSON[];
}

/** Bagged gini trees; probability = mean over trees of the leaf's churner share. */
export class RandomForestClassifier {
  readonly options: Required<RandomForestOptions>;
  private names: string[] = [];
  private binEdges: Float64Array[] = [];
  private trees: FlatTree[] = [];
  private importances = new Float64Array(0);

  constructor(options: RandomForestOptions = {}) {
    this.options = {
      nTrees: options.nTrees ?? 100,
      maxDepth: options.maxDepth ?? Infinity,
      minSamplesLeaf: options.minSamplesLeaf ?? 1,
      maxFeatures: options.maxFeatures ?? 'sqrt',
      bootstrap: options.bootstrap ?? true,
      minGain: options.minGain ?? 0,
      maxBins: options.maxBins ?? 256,
      seed: options.seed ?? 0,
      threads: options.threads ?? defaultThreads(),
    };
    if (this.options.minSamplesLeaf < 1) throw new RangeError('minSamplesLeaf must be >= 1');
  }

  /** Fits the forest; the result depends on the seed, not on the thread count. */
  async train(x: FeatureMatrix, labels: Labels): Promise<this> {
    assertDataset(x, labels);
    const binned = binMatrix(x, { maxBins: this.options.maxBins });
    const o = this.options;
    const results = await trainForestTrees(
      { codes: binned.codes, nBins: binned.nBins, thresholds: binned.thresholds, labels },
      o.nTrees,
      {
        maxDepth: o.maxDepth,
        minSamplesLeaf: o.minSamplesLeaf,
        featuresPerSplit: resolveMaxFeatures(o.maxFeatures, x.columns.length),
        minGain: o.minGain,
        bootstrap: o.bootstrap,
        seed: o.seed,
      },
      o.threads,
    );
    this.names = x.names.slice();
    this.binEdges = binned.thresholds;
    this.trees = results.map((r) => r.tree);
    // scikit-learn's convention: average the per-tree normalised decreases, then renormalise.
    const importances = new Float64Array(x.columns.length);
    for (const r of results) for (let j = 0; j < importances.length; j++) importances[j] += r.importance[j];
    const total = importances.reduce((a, b) => a + b, 0);
    if (total > 0) for (let j = 0; j < importances.length; j++) importances[j] /= total;
    this.importances = importances;
    return this;
  }

  predictProba(x: FeatureMatrix): Probabilities {
    assertSameFeatures(x, this.names);
    return predictAdditive(this.additiveTrees(), x);
  }

  /** Probability = mean of the trees' outputs: their sum divided by their number. */
  additiveTrees(): AdditiveTrees {
    this.assertTrained();
    const n = this.trees.length;
    return { trees: this.trees, start: 0, finish: (sum) => sum / n };
  }

  /** Class labels at `threshold` (default 0.5, inclusive). */
  predict(x: FeatureMatrix, threshold = 0.5): Labels {
    return Uint8Array.from(this.predictProba(x), (p) => (p >= threshold ? 1 : 0));
  }

  /** Normalised mean decrease in impurity per feature (sums to 1 unless no tree split). */
  featureImportances(): Float64Array {
    return Float64Array.from(this.importances);
  }

  get featureNames(): string[] {
    return this.names.slice();
  }

  /** The fitted trees (read-only use). */
  get fittedTrees(): readonly FlatTree[] {
    return this.trees;
  }

  toJSON(): RandomForestJSON {
    return {
      type: 'RandomForestClassifier',
      version: 1,
      names: this.names.slice(),
      binEdges: this.binEdges.map((e) => Array.from(e)),
      options: { ...this.options, maxDepth: Number.isFinite(this.options.maxDepth) ? this.options.maxDepth : null },
      importances: Array.from(this.importances),
      trees: this.trees.map(treeToJSON),
    };
  }

  static load(json: RandomForestJSON): RandomForestClassifier {
    if (json.type !== 'RandomForestClassifier') throw new TypeError(`expected a RandomForestClassifier model, got '${json.type}'`);
    const model = new RandomForestClassifier({ ...json.options, maxDepth: json.options.maxDepth ?? Infinity });
    model.names = json.names.slice();
    model.binEdges = json.binEdges.map((e) => Float64Array.from(e));
    model.trees = json.trees.map(treeFromJSON);
    model.importances = Float64Array.from(json.importances);
    return model;
  }

  private assertTrained(): void {
    if (this.trees.length === 0) throw new Error('RandomForestClassifier is not trained; call train() or load() first');
  }
}
