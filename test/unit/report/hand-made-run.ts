import type { PipelineResult } from '../../../messages/pipeline';
import type { StoredChurnModel } from '../../../messages/report';
import type { ReportData } from '../../../report/report-data';

/** A tiny run whose every number is chosen by hand, for the report's unit tests. */
const report = (auc: number, f1: number) => ({ auc, accuracy: 0.8, precision: 0.5, recall: 0.4, f1, logLoss: 0.45, positives: 2, rows: 10 });

export const lr: StoredChurnModel = {
  name: 'logistic_regression',
  kind: 'logistic_regression',
  params: { C: 1 },
  train: report(0.8, 0.5),
  test: report(0.75, 0.4),
  roc: { fpr: [0, 0.5, 1], tpr: [0, 0.75, 1] },
  importance: [
    { name: 'plays', importance: 2, direction: -1 },
    { name: 'days_since_last', importance: 1, direction: 1 },
  ],
  permutation: [
    { name: 'days_since_last', importance: 0.04, direction: 1 },
    { name: 'plays', importance: 0.01, direction: -1 },
  ],
  artifact: 'hand/models/logistic_regression.json',
  seconds: 1.5,
};

export const gbt: StoredChurnModel = { ...lr, name: 'gradient_boosting', kind: 'gradient_boosting', test: report(0.9, 0.6), roc: { fpr: [0, 0.25, 1], tpr: [0, 0.8, 1] }, seconds: 3 };

export const result: PipelineResult = {
  runId: 'hand',
  features: { runId: 'hand', snapshotDate: '2017-04-28', labelled: 10, churned: 2, featureRows: 10, ratingRows: 40, matrixUsers: 8, scoringSnapshotDate: '2017-05-12', scoringRows: 12, cleaning: { l99: 20724.139999999315 }, stepMs: {} },
  artifacts: { trainingMatrix: 'hand/training.arrows', scoringMatrix: 'hand/scoring.arrows', ratings: 'hand/ratings.arrows', labelPlays: 'hand/label-plays.arrows', bytes: 1 },
  churn: {
    models: [lr, gbt].map((m) => ({ name: m.name, testAuc: m.test.auc, trainAuc: m.train.auc, f1: m.test.f1, seconds: m.seconds })),
    best: 'gradient_boosting',
    topFeatures: gbt.permutation,
    scored: 12,
    atRisk: 3,
    table: 'churn_scores',
  },
  recommendations: {
    models: [
      { name: 'popularity', ranking: { users: 8, precision: 0.1, recall: 0.2, ndcg: 0.15, hitRate: 0.5, coverage: 0.01 }, fitSeconds: 0.1 },
      { name: 'nmf', ranking: { users: 8, precision: 0.2, recall: null, ndcg: 0.25, hitRate: 0.625, coverage: 0.2 }, fitSeconds: 0.3 },
      { name: 'blend', ranking: { users: 10, precision: 0.3, recall: 0.4, ndcg: 0.35, hitRate: 0.75, coverage: 0.15 }, fitSeconds: 0 },
    ],
    ratingError: { heldOut: 8, nmf: { rmse: 1, mae: 0.8 }, svd: { rmse: 1.1, mae: 0.9 } },
    overlap: [{ a: 'popularity', b: 'nmf', top10: 0.2, top100: 0.4 }],
    users: 10,
    coldStartUsers: 2,
    table: 'recommendations',
    rows: 100,
  },
};

export const data: ReportData = {
  runId: 'hand',
  generatedAt: '2026-12-02 08:00:00 UTC',
  result,
  ingest: [
    { date: '2017-03-30', kind: 'play', loaded: 100, repaired: 3, rejected: 2 },
    { date: '2017-03-30', kind: 'down', loaded: 10, repaired: 0, rejected: 1 },
  ],
  rejectReasons: [
    { reason: 'too few fields', lines: 2 },
    { reason: 'bad date', lines: 1 },
  ],
  cleaning: {
    windowStart: '2017-03-30',
    snapshotDate: '2017-04-28',
    rangeEnd: '2017-05-12',
    thresholds: { l99: 20724.139999999315, meanLen: 240.5, t99: 1000, meanPlay: 120.25, botThreshold: 350.123456789 },
    users: 12,
    bots: 2,
    members: 10,
    droppedNullLength: 4,
    replacedLength: 3,
    droppedLongLength: 2,
    replacedPlayTime: 5,
    droppedLongPlayTime: 1,
    keptPlays: 90,
  },
  labels: { members: 10, churners: 2 },
  models: [lr, gbt],
  grid: {
    cells: [
      { nTrees: 10, maxDepth: 3, minSamplesLeaf: 5, maxFeatures: 'sqrt', meanAuc: 0.7, stdAuc: 0.02 },
      { nTrees: 10, maxDepth: 6, minSamplesLeaf: 5, maxFeatures: 'sqrt', meanAuc: 0.8, stdAuc: 0.01 },
      { nTrees: 20, maxDepth: 3, minSamplesLeaf: 5, maxFeatures: 'sqrt', meanAuc: null, stdAuc: null },
    ],
  },
  probabilities: [
    { from: 0, to: 0.25, users: 6 },
    { from: 0.25, to: 0.5, users: 3 },
    { from: 0.5, to: 0.75, users: 2 },
    { from: 0.75, to: 1, users: 1 },
  ],
  comparison: [],
  trend: [],
  drift: [
    { feature: 'plays', psi: 0.05 },
    { feature: 'days_since_last', psi: 0.3 },
    { feature: 'songs', psi: 0.12 },
  ],
};
