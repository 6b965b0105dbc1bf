/**
 * The per-user top-n every matrix model goes through: score all songs, drop the
 * ones the user already rated, keep the best n by partial selection.
 */
import { ratedSongs, type RatingsMatrix } from './ratings-matrix';
import { selectTopN } from './top-n';
import type { UserScorer } from './types';

export interface UserRecommendation {
  /** Song ids, best first. */
  readonly songIds: Float64Array;
  readonly scores: Float64Array;
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
  const top = selectTopN(model.scoreUser(userIndex, buffer), n, ratedSongs(matrix, userIndex));
  return { songIds: Float64Array.from(top.indices, (s) => matrix.songIds[s]), scores: top.scores };
}
