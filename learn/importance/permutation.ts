import { rocAuc } from '../metrics/roc-auc';
import { deriveSeed, mulberry32, shuffled } from '../random';
import type { FeatureMatrix, Labels, ProbabilisticClassifier } from '../types';

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
 * each shuffle goes into a copy of the one column.
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
      const columns = x.columns.slice();
      columns[j] = permuted;
      drops.push(baseline - rocAuc(labels, model.predictProba({ ...x, columns })));
    }
    const m = drops.reduce((a, b) => a + b, 0) / repeats;
    mean[j] = m;
    std[j] = Math.sqrt(drops.reduce((a, d) => a + (d - m) ** 2, 0) / repeats);
  }
  return { baseline, mean, std };
}
