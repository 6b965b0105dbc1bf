/**
 * Shared shapes of the recommender core. Everything is index based: users and songs
 * are addressed by dense indices into a {@link RatingsMatrix}'s id arrays.
 */
import type { TopN } from './top-n';

/** Ratings as parallel columns (one row per user × song), as exported columnar. */
export interface RatingColumns {
  /** User id of each rating. */
  readonly uid: Float64Array;
  /** Song id of each rating. */
  readonly songId: Float64Array;
  /** Rating value, 1–5. */
  readonly rating: Float64Array;
}

/**
 * Compressed sparse rows. The same shape serves as CSC by reading rows as columns:
 * `indptr[r]..indptr[r + 1]` delimits row `r`, `indices` are column indices sorted
 * ascending within a row.
 */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A model that scores every song of the matrix for one user. */
export interface UserScorer {
  /** Short stable name used in blend output and overlap tables. */
  readonly name: string;
  /** Number of songs scored (the length of {@link UserScorer.scoreUser}'s result). */
  readonly songCount: number;
  /**
   * Scores of all songs for a user (dense song index order). Higher is better.
   * `out`, when given, is reused to avoid one allocation per user.
   */
  scoreUser(userIndex: number, out?: Float64Array): Float64Array;
  /**
   * The user's best `n` songs, `exclude` (sorted song indices) left out and unscored songs
   * never listed: the same result as selecting from {@link UserScorer.scoreUser}, for
   * models that can find it without scoring every song.
   */
  topSongs?(userIndex: number, n: number, exclude: ArrayLike<number>): TopN;
}
