import type { Labels } from '../types';
import { argsortAscending } from './rank';

/** ROC curve points ordered by decreasing threshold. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** A row is called positive when its score is >= the threshold; the first is +Infinity. */
  thresholds: Float64Array;
}

/**
 * One point per distinct score, plus the (0, 0) origin at threshold +Infinity.
 * Unlike scikit-learn's default, collinear points are kept, so the curve can be
 * checked point by point. Rates are NaN when a class is absent.
 */
export function rocCurve(labels: Labels, scores: ArrayLike<number>): RocCurve {
  const order = argsortAscending(scores);
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) nPos += labels[i];
  const nNeg = labels.length - nPos;
  const fpr: number[] = [0];
  const tpr: number[] = [0];
  const thresholds: number[] = [Infinity];
  let tp = 0;
  let fp = 0;
  let i = order.length - 1;
  while (i >= 0) {
    const score = scores[order[i]];
    while (i >= 0 && scores[order[i]] === score) {
      if (labels[order[i]] === 1) tp++;
      else fp++;
      i--;
    }
    fpr.push(fp / nNeg);
    tpr.push(tp / nPos);
    thresholds.push(score);
  }
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr), thresholds: Float64Array.from(thresholds) };
}
