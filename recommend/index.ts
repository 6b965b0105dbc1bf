/** Public API of the recommender core. */
export type { RatingColumns, SparseMatrix, UserScorer } from './types';
export { buildRatingsMatrix, ratedSongs, type RatingsMatrix, type RatingsMatrixOptions } from './ratings-matrix';
export { csrFromCoordinates, transpose, multiplyDense } from './sparse-matrix';
export { selectTopN, TopNCollector, type TopN } from './top-n';
export { recommendForUser, topSongs, type UserRecommendation } from './recommend-user';
export { FactorTopN } from './factor-top-n';
export { runToEnd, type FitProgress, type FitSteps } from './fit-steps';
export { PopularityModel, type PopularityJSON } from './popularity';
export { ItemItemModel, type ItemItemOptions, type ItemItemJSON } from './item-item';
export { NmfModel, type NmfOptions, type NmfJSON } from './nmf';
export type { NmfInit } from './nmf-init';
export { randomizedSvd, type RandomizedSvdOptions, type SvdFactors } from './randomized-svd';
export { TruncatedSvdModel, type TruncatedSvdOptions, type TruncatedSvdJSON } from './truncated-svd';
export {
  Blender,
  blendCandidateLists,
  type CandidateList,
  BlendWeightsError,
  DEFAULT_BLEND_WEIGHTS,
  minMaxNormalise,
  validateBlendWeights,
  type BlendedSong,
  type BlendModels,
  type BlendOptions,
  type BlendWeights,
  type ComponentName,
} from './blend';
export {
  precisionAtK,
  recallAtK,
  ndcgAtK,
  hitRateAtK,
  catalogueCoverage,
  evaluateRankings,
  type RankingSummary,
} from './evaluation/ranking-metrics';
export { rmse, mae } from './evaluation/error-metrics';
export { splitRatings, type SplitOptions, type RatingSplit } from './evaluation/split';
export { listOverlap, overlapTable, type OverlapMeasure, type OverlapRow } from './evaluation/overlap';
