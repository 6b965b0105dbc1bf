/**
 * The per-user top-n every matrix model goes through: the model's own search when it
 * has one, else score all songs, drop the ones the user already rated and keep the
 * best n by partial selection. Songs a model cannot score (NaN) are never listed.
 */
import { ratedSongs, type RatingsMatrix } from './ratings-matrix';
import { selectTopN, type TopN } from './top-n';
import type { UserScorer } from './types';

export interface UserRecommendation {
  /** Song ids, best first. */
  readonly songIds: Float64Array;
  readonly scores: Float64Array;
}

/**
 * Best `n` song indices of `model` for a user, `exclude` (sorted song indices) left out.
 * @param buffer optional scratch of length `model.songCount`, reused across users.
 */
export function topSongs(model: UserScorer, userIndex: number, n: number, exclude: ArrayLike<number>, buffer?: Float64Array): TopN {
  if (model.topSongs) return model.topSongs(userIndex, n, exclude);
  return selectTopN(model.scoreUser(userIndex, buffer), n, exclude);
}

/**
 * @param buffer optional scratch of length `model.songCount`, reused across users.
 */
export function recommendForUser(
  model: UserScorer,
  matrix: RatingsMatrix,
  userIndex: number,
  n: number,
  buffer?: Float64Array,
): UserRecommendation {
  const top = topSongs(model, userIndex, n, ratedSongs(matrix, userIndex), buffer);
  return { songIds: Float64Array.from(top.indices, (s) => matrix.songIds[s]), scores: top.scores };
}
