/**
 * Seeded train/test split of rating rows. Per user (default), each user's rows are
 * shuffled and round(testFraction × count) of them held out, so every user keeps
 * most of their history in training; globally, each row is held out independently
 * with probability testFraction. Inputs are not modified: the split is returned as
 * row positions plus the two column sets.
 */
import { denseIndex } from '../dense-index';
import { createUniform } from '../random';
import type { RatingColumns } from '../types';

/** Options of {@link splitRatings}. */
export interface SplitOptions {
  /** Share of rows held out. Default 0.2. */
  testFraction?: number;
  /** Default 0. */
  seed?: number;
  /** Hold out the fraction within each user (true, default) or over all rows. */
  perUser?: boolean;
}

export interface RatingSplit {
  readonly trainRows: Int32Array;
  readonly testRows: Int32Array;
  readonly train: RatingColumns;
  readonly test: RatingColumns;
}

export function splitRatings(input: RatingColumns, options: SplitOptions = {}): RatingSplit {
  const fraction = options.testFraction ?? 0.2;
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`testFraction must be within [0, 1], got ${fraction}`);
  const uniform = createUniform(options.seed ?? 0);
  const n = input.uid.length;
  const isTest = new Uint8Array(n);
  if (options.perUser ?? true) {
    const users = denseIndex(input.uid);
    const rowsOf: number[][] = Array.from({ length: users.ids.length }, () => []);
    for (let i = 0; i < n; i++) rowsOf[users.codes[i]].push(i);
    for (const rows of rowsOf) {
      // Partial Fisher–Yates: the first `take` positions become a uniform sample.
      const take = Math.round(fraction * rows.length);
      for (let i = 0; i < take; i++) {
        const j = i + Math.floor(uniform() * (rows.length - i));
        [rows[i], rows[j]] = [rows[j], rows[i]];
        isTest[rows[i]] = 1;
      }
    }
  } else {
    for (let i = 0; i < n; i++) if (uniform() < fraction) isTest[i] = 1;
  }
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let i = 0; i < n; i++) (isTest[i] ? testRows : trainRows).push(i);
  const pick = (rows: number[]): RatingColumns => ({
    uid: Float64Array.from(rows, (i) => input.uid[i]),
    songId: Float64Array.from(rows, (i) => input.songId[i]),
    rating: Float64Array.from(rows, (i) => input.rating[i]),
  });
  return { trainRows: Int32Array.from(trainRows), testRows: Int32Array.from(testRows), train: pick(trainRows), test: pick(testRows) };
}
