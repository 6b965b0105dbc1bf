/**
 * The utility matrix: users with at least `minRatedSongs` distinct rated songs ×
 * the songs they rated, in CSR (by user) and CSC (by song) form. Users below the
 * threshold are cold-start users; their rated songs are kept (as ids) so that the
 * popularity list they receive can skip them.
 */
import { denseIndex, indexLookup } from './dense-index';
import { csrFromCoordinates, transpose } from './sparse-matrix';
import type { RatingColumns, SparseMatrix } from './types';

/** Options of {@link buildRatingsMatrix}. */
export interface RatingsMatrixOptions {
  /** Minimum number of distinct rated songs for a user to enter the matrix. Default 5. */
  minRatedSongs?: number;
}

export interface RatingsMatrix {
  /** User id of each matrix row, ascending. */
  readonly userIds: Float64Array;
  /** Song id of each matrix column, ascending (songs rated by matrix users only). */
  readonly songIds: Float64Array;
  /** users × songs, rows sorted by song index. */
  readonly byUser: SparseMatrix;
  /** songs × users (the CSC view of `byUser`). */
  readonly bySong: SparseMatrix;
  readonly userIndex: ReadonlyMap<number, number>;
  readonly songIndex: ReadonlyMap<number, number>;
  readonly minRatedSongs: number;
  /** Cold-start users (ascending) and their rated song ids as a CSR of ids. */
  readonly coldStart: {
    readonly userIds: Float64Array;
    readonly indptr: Int32Array;
    readonly songIds: Float64Array;
  };
}

/**
 * Builds the utility matrix. A repeated (user, song) pair keeps its last rating,
 * the columnar export being expected to hold one row per pair.
 * @throws RangeError when the columns differ in length or hold non-finite values.
 */
export function buildRatingsMatrix(input: RatingColumns, options: RatingsMatrixOptions = {}): RatingsMatrix {
  const minRatedSongs = options.minRatedSongs ?? 5;
  validateColumns(input);
  const users = denseIndex(input.uid);
  const songs = denseIndex(input.songId);
  const all = csrFromCoordinates(users.ids.length, songs.ids.length, users.codes, songs.codes, input.rating);
  const dedup = lastOfEachPair(all);

  const warm = new Int32Array(dedup.rows).fill(-1);
  const warmIds: number[] = [];
  const coldIds: number[] = [];
  for (let u = 0; u < dedup.rows; u++) {
    if (dedup.indptr[u + 1] - dedup.indptr[u] >= minRatedSongs) {
      warm[u] = warmIds.length;
      warmIds.push(users.ids[u]);
    } else coldIds.push(users.ids[u]);
  }

  const songUsed = new Int32Array(dedup.cols).fill(-1);
  for (let u = 0; u < dedup.rows; u++) {
    if (warm[u] < 0) continue;
    for (let p = dedup.indptr[u]; p < dedup.indptr[u + 1]; p++) songUsed[dedup.indices[p]] = 0;
  }
  const songIdList: number[] = [];
  for (let s = 0; s < dedup.cols; s++) {
    if (songUsed[s] === 0) {
      songUsed[s] = songIdList.length;
      songIdList.push(songs.ids[s]);
    }
  }

  const nnzWarm = countWarm(dedup, warm);
  const indptr = new Int32Array(warmIds.length + 1);
  const indices = new Int32Array(nnzWarm);
  const values = new Float64Array(nnzWarm);
  const coldPtr = new Int32Array(coldIds.length + 1);
  const coldSongs: number[] = [];
  let q = 0;
  let c = 0;
  for (let u = 0; u < dedup.rows; u++) {
    const w = warm[u];
    for (let p = dedup.indptr[u]; p < dedup.indptr[u + 1]; p++) {
      if (w >= 0) {
        indices[q] = songUsed[dedup.indices[p]];
        values[q++] = dedup.values[p];
      } else coldSongs.push(songs.ids[dedup.indices[p]]);
    }
    if (w >= 0) indptr[w + 1] = q;
    else coldPtr[++c] = coldSongs.length;
  }
  const byUser: SparseMatrix = { rows: warmIds.length, cols: songIdList.length, indptr, indices, values };
  const userIds = Float64Array.from(warmIds);
  const songIds = Float64Array.from(songIdList);
  return {
    userIds,
    songIds,
    byUser,
    bySong: transpose(byUser),
    userIndex: indexLookup(userIds),
    songIndex: indexLookup(songIds),
    minRatedSongs,
    coldStart: { userIds: Float64Array.from(coldIds), indptr: coldPtr, songIds: Float64Array.from(coldSongs) },
  };
}

/** Song indices a matrix user rated (a view, not a copy). */
export function ratedSongs(matrix: RatingsMatrix, userIndex: number): Int32Array {
  const { indptr, indices } = matrix.byUser;
  return indices.subarray(indptr[userIndex], indptr[userIndex + 1]);
}

function validateColumns(input: RatingColumns): void {
  const n = input.uid.length;
  if (input.songId.length !== n || input.rating.length !== n) {
    throw new RangeError(
      `rating columns differ in length (uid ${n}, songId ${input.songId.length}, rating ${input.rating.length}); pass one value per rating in each`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input.uid[i]) || !Number.isFinite(input.songId[i]) || !Number.isFinite(input.rating[i])) {
      throw new RangeError(`rating row ${i} has a non-finite uid, songId or rating; drop or repair it before building the matrix`);
    }
  }
}

/** Keeps the last entry of each run of equal columns within a row (rows are sorted stably). */
function lastOfEachPair(m: SparseMatrix): SparseMatrix {
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(m.indices.length);
  const values = new Float64Array(m.values.length);
  let q = 0;
  for (let r = 0; r < m.rows; r++) {
    const end = m.indptr[r + 1];
    for (let p = m.indptr[r]; p < end; p++) {
      if (p + 1 < end && m.indices[p + 1] === m.indices[p]) continue;
      indices[q] = m.indices[p];
      values[q++] = m.values[p];
    }
    indptr[r + 1] = q;
  }
  return { rows: m.rows, cols: m.cols, indptr, indices: indices.slice(0, q), values: values.slice(0, q) };
}

function countWarm(m: SparseMatrix, warm: Int32Array): number {
  let n = 0;
  for (let u = 0; u < m.rows; u++) if (warm[u] >= 0) n += m.indptr[u + 1] - m.indptr[u];
  return n;
}
