/**
 * How many features to try per split: 'sqrt' and 'log2' of the feature count, 'all',
 * an integer count (>= 1), or a fraction in (0, 1).
 */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

export function resolveMaxFeatures(maxFeatures: MaxFeatures, nFeatures: number): number {
  let k: number;
  if (maxFeatures === 'sqrt') k = Math.floor(Math.sqrt(nFeatures));
  else if (maxFeatures === 'log2') k = Math.floor(Math.log2(nFeatures));
  else if (maxFeatures === 'all') k = nFeatures;
  else if (maxFeatures > 0 && maxFeatures < 1) k = Math.floor(maxFeatures * nFeatures);
  else if (Number.isInteger(maxFeatures) && maxFeatures >= 1) k = maxFeatures;
  else throw new RangeError(`maxFeatures must be 'sqrt', 'log2', 'all', a count >= 1 or a fraction in (0, 1); got ${maxFeatures}`);
  return Math.max(1, Math.min(nFeatures, k));
}
