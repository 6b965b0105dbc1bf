export { RandomForestClassifier, type RandomForestOptions, type RandomForestJSON } from './random-forest';
export { GradientBoostingClassifier, type GradientBoostingOptions, type GradientBoostingJSON } from './gradient-boosting';
export { binMatrix, applyBins, computeBinThresholds, binColumn, binValue, type BinnedMatrix, type BinningOptions } from './binning';
export { growTree, TreeGrower, type GrowInput, type GrowOptions } from './tree-grower';
export type { GrownTree } from './grown-tree';
export { finishTree, predictRaw, predictBinned, treeDepth, treeToJSON, treeFromJSON, type FlatTree, type FlatTreeJSON } from './flat-tree';
export { resolveMaxFeatures, type MaxFeatures } from './max-features';
