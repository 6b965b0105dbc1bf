export { permutationImportance, type PermutationImportance, type PermutationImportanceOptions } from './permutation';
export { topFeatures, effectDirections, type RankedFeature } from './top-features';
