export { RandomForestClassifier, type RandomForestOptions, type RandomForestJSON } from './random-forest';
export { GradientBoostingClassifier, type GradientBoostingOptions, type GradientBoostingJSON } from './gradient-boosting';
export { binMatrix, applyBins, computeBinThresholds, binColumn, binValue, type BinnedMatrix, type BinningOptions } from './binning';
export { growTree, type GrowInput, type GrowOptions, type GrownTree } from './tree-builder';
export { finishTree, predictRaw, predictBinned, treeDepth, treeToJSON, treeFromJSON, type FlatTree, type FlatTreeJSON } from './flat-tree';
export { resolveMaxFeatures, type MaxFeatures } from './max-features';
