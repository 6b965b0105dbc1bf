export { stratifiedTrainTestSplit, type TrainTestSplitOptions, type TrainTestIndices } from './stratified-split';
export { stratifiedKFold, foldIndices, type KFoldOptions } from './stratified-k-fold';
