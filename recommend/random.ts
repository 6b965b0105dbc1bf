/**
 * Seeded pseudo-random numbers. Reproducibility matters more than quality here:
 * every randomised step (test matrices, initial factors, splits) takes a seed so
 * that a run can be repeated bit for bit.
 */

import { mulberry32 } from '../learn/random';

/** Uniform generator on [0, 1): the same mulberry32 stream the churn models use. */
export const createUniform: (seed: number) => () => number = mulberry32;

/** Standard normal generator (Box–Muller, both values of each pair used). */
export function createGaussian(seed: number): () => number {
  const uniform = createUniform(seed);
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    // log(0) is -Infinity; redraw the (rare) exact zero.
    while (u === 0) u = uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    hasSpare = true;
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** Fills a new array with standard normal draws. */
export function gaussianArray(length: number, seed: number): Float64Array {
  const next = createGaussian(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = next();
  return out;
}
