import type { Labels } from '../types';
import { logLoss } from './log-loss';
import { rocAuc } from './roc-auc';
import { confusionCounts, f1FromCounts, type ConfusionCounts } from './threshold-metrics';

/** Options for {@link classificationReport}. */
export interface ClassificationReportOptions {
  /** Probability at or above which a row is called positive. Default 0.5. */
  threshold?: number;
}

/** All binary-classification metrics of one prediction. */
export interface ClassificationReport {
  n: number;
  positives: number;
  threshold: number;
  /** NaN when only one class is present. */
  auc: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  logLoss: number;
  confusion: ConfusionCounts;
}

export function classificationReport(
  labels: Labels,
  probs: ArrayLike<number>,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const threshold = options.threshold ?? 0.5;
  const c = confusionCounts(labels, probs, threshold);
  return {
    n: labels.length,
    positives: c.tp + c.fn,
    threshold,
    auc: rocAuc(labels, probs),
    accuracy: (c.tp + c.tn) / labels.length,
    precision: c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn),
    f1: f1FromCounts(c),
    logLoss: logLoss(labels, probs),
    confusion: c,
  };
}
