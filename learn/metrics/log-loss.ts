import type { Labels } from '../types';

/** Mean binary cross-entropy; probabilities are clipped to [eps, 1 - eps] so 0/1 stay finite. */
export function logLoss(labels: Labels, probs: ArrayLike<number>, eps = 1e-15): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probs[i], eps), 1 - eps);
    total -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / labels.length;
}
