export { rocAuc } from './roc-auc';
export { rocCurve, type RocCurve } from './roc-curve';
export { accuracy, precision, recall, f1Score, confusionCounts, type ConfusionCounts } from './threshold-metrics';
export { logLoss } from './log-loss';
export { classificationReport, type ClassificationReport, type ClassificationReportOptions } from './classification-report';
