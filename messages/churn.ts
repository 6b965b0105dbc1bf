import { z } from 'zod';
import { RunId } from './run-id';

export const ChurnModelKind = z.enum(['logistic_regression', 'random_forest', 'gradient_boosting']);
export type ChurnModelKind = z.infer<typeof ChurnModelKind>;

/** One random-forest configuration of a grid search. */
export const GridCell = z.strictObject({
  nTrees: z.number().int().min(1),
  maxDepth: z.number().int().min(1),
  minSamplesLeaf: z.number().int().min(1),
  maxFeatures: z.union([z.enum(['sqrt', 'log2', 'all']), z.number().positive()]).default('sqrt'),
});
export type GridCell = z.infer<typeof GridCell>;

/** The seed study's grid: trees 100/200 × depth 15/20/25 × min leaf 2/10/20, sqrt features. */
export const SEED_GRID: GridCell[] = [100, 200].flatMap((nTrees) =>
  [15, 20, 25].flatMap((maxDepth) => [2, 10, 20].map((minSamplesLeaf) => ({ nTrees, maxDepth, minSamplesLeaf, maxFeatures: 'sqrt' as const }))),
);

/**
 * Grid cells grouped by what changes a tree (min samples per leaf, features per split), so
 * that one forest, of the group's most trees and deepest depth, serves every cell of a group
 * (see runSharedForestUnit). Groups with fewer rows per leaf come first: their trees are the
 * deepest, so they take longest, and the longest work should start first.
 */
export function gridForestGroups(cells: readonly GridCell[]): { cellIndex: number; cell: GridCell }[][] {
  const groups = new Map<string, { cellIndex: number; cell: GridCell }[]>();
  cells.forEach((cell, cellIndex) => {
    const key = `${cell.minSamplesLeaf}/${String(cell.maxFeatures)}`;
    groups.set(key, [...(groups.get(key) ?? []), { cellIndex, cell }]);
  });
  return [...groups.values()].sort((a, b) => a[0].cell.minSamplesLeaf - b[0].cell.minSamplesLeaf);
}

/** The seed study's model settings. */
export const SEED_MODELS: { name: string; kind: ChurnModelKind; params: Record<string, number | string> }[] = [
  { name: 'logistic_regression', kind: 'logistic_regression', params: { C: 1 } },
  { name: 'random_forest', kind: 'random_forest', params: { nTrees: 50, maxDepth: 20, minSamplesLeaf: 20, maxFeatures: 'sqrt' } },
  { name: 'gradient_boosting', kind: 'gradient_boosting', params: { nRounds: 200, maxDepth: 3, learningRate: 0.2, subsample: 0.8, featureFraction: 0.7 } },
];

/** Churn options of a pipeline run. */
export const ChurnOptions = z.strictObject({
  /** Seed of the 80/20 split, the folds and every model. */
  seed: z.number().int().min(0).default(42),
  testFraction: z.number().gt(0).lt(1).default(0.2),
  /** Grid of random-forest cells searched by k-fold cross-validation: 'seed' (18 cells), 'none', or a list. */
  grid: z.union([z.enum(['seed', 'none']), z.array(GridCell).min(1)]).default('seed'),
  folds: z.number().int().min(2).max(20).default(5),
});
export type ChurnOptions = z.infer<typeof ChurnOptions>;

const Report = z.object({ auc: z.number(), accuracy: z.number(), precision: z.number(), recall: z.number(), f1: z.number(), logLoss: z.number(), positives: z.number(), rows: z.number() });
const RankedFeature = z.object({ name: z.string(), importance: z.number(), direction: z.number() });

export const TrainChurnModelInput = z.object({
  runId: RunId,
  trainingMatrix: z.string(),
  name: z.string(),
  kind: ChurnModelKind,
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  seed: z.number().int(),
  testFraction: z.number(),
});
export type TrainChurnModelInput = z.infer<typeof TrainChurnModelInput>;

export const TrainChurnModelResult = z.object({
  name: z.string(),
  kind: ChurnModelKind,
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  train: Report,
  test: Report,
  /** Test ROC curve, thinned to at most 101 points for plotting. */
  roc: z.object({ fpr: z.array(z.number()), tpr: z.array(z.number()) }),
  /** Top 10 by the model's own importance (impurity, gain, or |standardised coefficient|). */
  importance: z.array(RankedFeature),
  /** Top 10 by permutation importance on the test set (mean AUC drop). */
  permutation: z.array(RankedFeature),
  artifact: z.string(),
  seconds: z.number(),
});
export type TrainChurnModelResult = z.infer<typeof TrainChurnModelResult>;

export const GridUnitInput = z.object({
  runId: RunId,
  trainingMatrix: z.string(),
  cellIndex: z.number().int(),
  cell: GridCell,
  fold: z.number().int(),
  folds: z.number().int(),
  seed: z.number().int(),
  testFraction: z.number(),
});
export type GridUnitInput = z.infer<typeof GridUnitInput>;
export const GridUnitResult = z.object({ cellIndex: z.number().int(), fold: z.number().int(), auc: z.number().nullable() });
export type GridUnitResult = z.infer<typeof GridUnitResult>;

/** One shared forest of the grid: a group of cells (see gridForestGroups) on one fold. */
export const GridForestInput = z.object({
  runId: RunId,
  trainingMatrix: z.string(),
  cells: z.array(z.object({ cellIndex: z.number().int(), cell: GridCell })).min(1),
  fold: z.number().int(),
  folds: z.number().int(),
  seed: z.number().int(),
  testFraction: z.number(),
});
export type GridForestInput = z.input<typeof GridForestInput>;
/** Each cell's held-out AUC on the fold; null when the fold holds one class only. */
export const GridForestResult = z.object({ fold: z.number().int(), scores: z.array(z.object({ cellIndex: z.number().int(), auc: z.number().nullable() })) });
export type GridForestResult = z.infer<typeof GridForestResult>;

export const ScoreUsersInput = z.object({ runId: RunId, model: z.string(), kind: ChurnModelKind, scoringMatrix: z.string() });
export type ScoreUsersInput = z.infer<typeof ScoreUsersInput>;
/** Churn probability at or above which a scored user counts as at risk (`atRisk`): the models' own decision threshold. */
export const AT_RISK_PROBABILITY = 0.5;

export const ScoreUsersResult = z.object({ users: z.number().int(), scores: z.string(), meanProbability: z.number(), atRisk: z.number().int() });
export type ScoreUsersResult = z.infer<typeof ScoreUsersResult>;

export const PublishChurnInput = z.object({
  runId: RunId,
  scores: z.string(),
  /** The run's best model, registered in model_registry; absent for a score-only run, which scores with another run's model. */
  best: TrainChurnModelResult.optional(),
  /** The run whose model made the scores (default: this run). */
  modelRunId: RunId.optional(),
  /** The as-of date the scores are for, when the run has one. */
  asOf: z.string().optional(),
});
export type PublishChurnInput = z.infer<typeof PublishChurnInput>;
export const PublishChurnResult = z.object({
  table: z.string(),
  rows: z.number().int(),
  registryTable: z.string(),
  previousBest: z.object({ runId: z.string(), model: z.string(), testAuc: z.number() }).optional(),
  /** True when the run became the churn champion because there was none (a training run only). */
  claimedChampion: z.boolean().optional(),
});
export type PublishChurnResult = z.infer<typeof PublishChurnResult>;

/** Churn part of a pipeline result. */
export const ChurnSummary = z.object({
  models: z.array(z.object({ name: z.string(), testAuc: z.number(), trainAuc: z.number(), f1: z.number(), seconds: z.number() })),
  grid: z.object({ cells: z.number().int(), folds: z.number().int(), best: GridCell.extend({ meanAuc: z.number(), stdAuc: z.number() }) }).optional(),
  best: z.string(),
  topFeatures: z.array(RankedFeature),
  scored: z.number().int(),
  atRisk: z.number().int(),
  table: z.string(),
  previousBest: z.object({ runId: z.string(), model: z.string(), testAuc: z.number() }).optional(),
});
export type ChurnSummary = z.infer<typeof ChurnSummary>;
