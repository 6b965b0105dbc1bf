import { rocAuc } from '../metrics/roc-auc';
import { deriveSeed, mulberry32, shuffled } from '../random';
import type { FeatureMatrix, Labels, ProbabilisticClassifier } from '../types';
import { TreePathCache } from './tree-paths';

/** Options for {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** Shuffles per feature. Default 5. */
  repeats?: number;
  /** Seed; feature j, repeat r uses a stream derived from it. Default 0. */
  seed?: number;
}

export interface PermutationImportance {
  /** AUC of the unshuffled set. */
  baseline: number;
  /** Mean AUC drop per feature (positive = the model relies on it). */
  mean: Float64Array;
  /** Standard deviation of the drop across repeats. */
  std: Float64Array;
}

/**
 * Drop in ROC AUC when one feature's values are shuffled across rows, breaking its
 * link to the label while keeping its distribution. The input matrix is not modified:
 * each shuffle goes into a copy of the one column. Tree models are re-predicted through a
 * TreePathCache (only paths that test the shuffled feature are walked again), with the
 * same probabilities as predicting the shuffled matrix in full.
 */
export function permutationImportance(
  model: ProbabilisticClassifier,
  x: FeatureMatrix,
  labels: Labels,
  options: PermutationImportanceOptions = {},
): PermutationImportance {
  const repeats = options.repeats ?? 5;
  const seed = options.seed ?? 0;
  const baseline = rocAuc(labels, model.predictProba(x));
  const trees = model.additiveTrees ? new TreePathCache(model.additiveTrees(), x) : null;
  const predictWith = (j: number, column: Float64Array): Float64Array => {
    if (trees) return trees.predictWith(j, column);
    const columns = x.columns.slice();
    columns[j] = column;
    return model.predictProba({ ...x, columns });
  };
  const p = x.columns.length;
  const mean = new Float64Array(p);
  const std = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const rng = mulberry32(deriveSeed(seed, j * repeats + r));
      const order = shuffled(Int32Array.from({ length: x.nRows }, (_, i) => i), rng);
      const column = x.columns[j];
      const permuted = Float64Array.from(order, (i) => column[i]);
      drops.push(baseline - rocAuc(labels, predictWith(j, permuted)));
    }
    const m = drops.reduce((a, b) => a + b, 0) / repeats;
    mean[j] = m;
    std[j] = Math.sqrt(drops.reduce((a, d) => a + (d - m) ** 2, 0) / repeats);
  }
  return { baseline, mean, std };
}
