import type { Labels } from '../types';

/** Counts of a thresholded prediction. */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Calls a row positive when its probability is >= `threshold` (default 0.5). */
export function confusionCounts(labels: Labels, probs: ArrayLike<number>, threshold = 0.5): ConfusionCounts {
  const counts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const predicted = probs[i] >= threshold;
    if (labels[i] === 1) {
      if (predicted) counts.tp++;
      else counts.fn++;
    } else if (predicted) counts.fp++;
    else counts.tn++;
  }
  return counts;
}

/** Share of rows classified correctly at `threshold` (default 0.5). */
export function accuracy(labels: Labels, probs: ArrayLike<number>, threshold = 0.5): number {
  const c = confusionCounts(labels, probs, threshold);
  return (c.tp + c.tn) / labels.length;
}

/** tp / (tp + fp); 0 when nothing is called positive (scikit-learn's zero_division=0). */
export function precision(labels: Labels, probs: ArrayLike<number>, threshold = 0.5): number {
  const c = confusionCounts(labels, probs, threshold);
  return c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
}

/** tp / (tp + fn); 0 when there are no positives. */
export function recall(labels: Labels, probs: ArrayLike<number>, threshold = 0.5): number {
  const c = confusionCounts(labels, probs, threshold);
  return c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
}

/** Harmonic mean of precision and recall; 0 when both are 0. */
export function f1Score(labels: Labels, probs: ArrayLike<number>, threshold = 0.5): number {
  return f1FromCounts(confusionCounts(labels, probs, threshold));
}

/** F1 from counts: 2tp / (2tp + fp + fn). */
export function f1FromCounts(c: ConfusionCounts): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? 0 : (2 * c.tp) / denominator;
}
