import { mulberry32, shuffled } from '../random';
import type { Labels } from '../types';

/** Options for {@link stratifiedTrainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Share of each class held out for testing, rounded per class. Default 0.2. */
  testFraction?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
}

/** Row indices of each side, in ascending order. */
export interface TrainTestIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Holds out the same share of churners and non-churners, chosen at random. */
export function stratifiedTrainTestSplit(labels: Labels, options: TrainTestSplitOptions = {}): TrainTestIndices {
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  }
  const rng = mulberry32(options.seed ?? 0);
  const isTest = new Uint8Array(labels.length);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) members.push(i);
    const order = shuffled(members, rng);
    const nTest = Math.round(order.length * testFraction);
    for (let k = 0; k < nTest; k++) isTest[order[k]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < labels.length; i++) (isTest[i] ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
