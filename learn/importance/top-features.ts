import type { FeatureMatrix } from '../types';

/** One ranked feature. */
export interface RankedFeature {
  name: string;
  index: number;
  importance: number;
  /** +1 when higher values raise the churn probability, −1 when they lower it, 0 when unknown/flat. */
  direction: -1 | 0 | 1;
}

/**
 * The k most important features, highest first (ties keep feature order). Directions
 * come from `directions` (e.g. {@link effectDirections} or logistic coefficients);
 * only their sign is used.
 */
export function topFeatures(
  importances: ArrayLike<number>,
  names: readonly string[],
  k = 10,
  directions?: ArrayLike<number>,
): RankedFeature[] {
  if (importances.length !== names.length) {
    throw new RangeError(`${importances.length} importances but ${names.length} names`);
  }
  const order = Array.from({ length: names.length }, (_, j) => j).sort(
    (a, b) => importances[b] - importances[a] || a - b,
  );
  return order.slice(0, k).map((j) => ({
    name: names[j],
    index: j,
    importance: importances[j],
    direction: directions ? (Math.sign(directions[j]) as -1 | 0 | 1) || 0 : 0,
  }));
}

/**
 * Pearson correlation of each feature with the predicted probabilities: a model-agnostic
 * direction of effect. 0 for constant features.
 */
export function effectDirections(x: FeatureMatrix, probs: ArrayLike<number>): Float64Array {
  const n = x.nRows;
  let pm = 0;
  for (let i = 0; i < n; i++) pm += probs[i];
  pm /= n;
  return Float64Array.from(x.columns, (column) => {
    let xm = 0;
    for (let i = 0; i < n; i++) xm += column[i];
    xm /= n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      const dx = column[i] - xm;
      const dy = probs[i] - pm;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  });
}
