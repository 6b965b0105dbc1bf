import { mulberry32, shuffled } from '../random';
import type { Labels } from '../types';
import type { TrainTestIndices } from './stratified-split';

/** Options for {@link stratifiedKFold}. */
export interface KFoldOptions {
  /** Number of folds. Default 5. */
  k?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
}

/**
 * Assigns every row a fold in 0..k-1 so each fold gets an equal share of each class.
 * Rows of each class are shuffled and dealt round-robin, continuing the deal from one
 * class to the next so fold sizes differ by at most one.
 *
 * When a class has fewer than k rows, the folds dealt none of that class hold a single
 * class: the split still succeeds, but a ROC AUC on such a fold is NaN (undefined),
 * which grid summaries skip. Throws only when there are fewer rows than folds.
 */
export function stratifiedKFold(labels: Labels, options: KFoldOptions = {}): Int32Array {
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  if (labels.length < k) throw new RangeError(`cannot make ${k} folds from ${labels.length} rows; lower k`);
  const rng = mulberry32(options.seed ?? 0);
  const assignment = new Int32Array(labels.length);
  let dealt = 0;
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) members.push(i);
    for (const row of shuffled(members, rng)) assignment[row] = dealt++ % k;
  }
  return assignment;
}

/** The rows outside and inside `fold`, each ascending. */
export function foldIndices(assignment: Int32Array, fold: number): TrainTestIndices {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < assignment.length; i++) (assignment[i] === fold ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
