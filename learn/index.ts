export type { FeatureMatrix, Labels, Probabilities, ProbabilisticClassifier } from './types';
export { mulberry32, deriveSeed, randomPermutation, shuffled, type Rng } from './random';
export { assertDataset, assertSameFeatures, takeRows, takeLabels, DatasetShapeError } from './dataset';
export * from './metrics';
export * from './split';
export * from './trees';
export {
  LogisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionJSON,
  type LogisticFitInfo,
} from './linear/logistic-regression';
export * from './importance';
export {
  defaultGrid,
  gridUnits,
  runGridUnit,
  summariseGrid,
  type GridCell,
  type GridUnit,
  type GridUnitResult,
  type GridCellSummary,
  type GridSummary,
  type GridUnitOptions,
} from './grid-search';
export { cutForestProbabilities, runSharedForestUnit, type IndexedCell } from './grid-forest';
