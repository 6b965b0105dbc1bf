/**
 * Blended recommendations, the combination proposed in the seed report:
 *
 *   score(s) = w_pop·pop(s) + w_ii·ii(s) + w_mf·mf(s)
 *
 * Each component proposes its top `candidates` songs for the user (rated songs
 * excluded) and its scores are min-max normalised over that list to [0, 1]
 * ((x − min)/(max − min); a list whose scores are all equal normalises to 1).
 * pop and ii are the normalised popularity and item-item scores; mf is defined only
 * for songs in both the NMF and the SVD candidate lists and is the mean of their two
 * normalised scores. A song absent from a component's list gets 0 from it.
 * Ties are broken by song id ascending.
 *
 * Users outside the matrix (fewer than minRatedSongs rated songs, or unknown) get
 * the popularity list only, scored by normalised popularity, minus songs they rated.
 */
import type { PopularityModel } from './popularity';
import { ratedSongs, type RatingsMatrix } from './ratings-matrix';
import { topSongs } from './recommend-user';
import type { UserScorer } from './types';

/** Component weights; non-negative, summing to 1. */
export interface BlendWeights {
  /** Default 0.2. */
  readonly popularity: number;
  /** Default 0.2. */
  readonly itemItem: number;
  /** Weight of the NMF ∩ SVD component. Default 0.6. */
  readonly matrixFactorisation: number;
}

/** Options of {@link Blender}. */
export interface BlendOptions {
  /** Default { popularity: 0.2, itemItem: 0.2, matrixFactorisation: 0.6 }. */
  weights?: BlendWeights;
  /** Candidate list length N per component. Default 100. */
  candidates?: number;
  /** Songs returned per user. Default 10. */
  n?: number;
}

export interface BlendModels {
  readonly matrix: RatingsMatrix;
  readonly popularity: PopularityModel;
  readonly itemItem: UserScorer;
  readonly nmf: UserScorer;
  readonly svd: UserScorer;
}

export type ComponentName = 'popularity' | 'item-item' | 'nmf' | 'svd';

export interface BlendedSong {
  readonly songId: number;
  readonly score: number;
  /** Components whose candidate list (with non-zero weight) contains the song. */
  readonly models: ComponentName[];
}

export const DEFAULT_BLEND_WEIGHTS: BlendWeights = { popularity: 0.2, itemItem: 0.2, matrixFactorisation: 0.6 };

/** Thrown for weights that are negative, non-finite or do not sum to 1. */
export class BlendWeightsError extends RangeError {
  readonly type = 'BlendWeightsError';
  constructor(readonly weights: BlendWeights) {
    super(
      `blend weights must be non-negative and sum to 1: got popularity=${weights.popularity}, ` +
        `itemItem=${weights.itemItem}, matrixFactorisation=${weights.matrixFactorisation} ` +
        `(sum ${weights.popularity + weights.itemItem + weights.matrixFactorisation})`,
    );
    this.name = 'BlendWeightsError';
  }
}

export function validateBlendWeights(weights: BlendWeights): void {
  const values = [weights.popularity, weights.itemItem, weights.matrixFactorisation];
  const sum = values.reduce((a, b) => a + b, 0);
  if (values.some((v) => !Number.isFinite(v) || v < 0) || Math.abs(sum - 1) > 1e-9) throw new BlendWeightsError(weights);
}

/** Min-max normalisation to [0, 1]; all-equal scores map to 1. */
export function minMaxNormalise(scores: Float64Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const range = max - min;
  return scores.map((s) => (range > 0 ? (s - min) / range : 1));
}

interface Accumulated {
  score: number;
  models: ComponentName[];
}

/** One component's candidates for one user, best first: song ids and raw scores. */
export interface CandidateList {
  readonly songIds: ArrayLike<number>;
  readonly scores: ArrayLike<number>;
}

/**
 * The blend of one user's candidate lists (see the top of this file): each list is min-max
 * normalised, popularity and item-item add with their weights, and songs in both the NMF and the
 * SVD lists add the mean of their two normalised scores with the matrix-factorisation weight.
 */
export function blendCandidateLists(
  lists: { popularity: CandidateList; itemItem: CandidateList; nmf: CandidateList; svd: CandidateList },
  weights: BlendWeights,
  n: number,
): BlendedSong[] {
  const acc = new Map<number, Accumulated>();
  const add = (songId: number, value: number, weight: number, names: ComponentName[]): void => {
    if (weight === 0) return;
    const entry = acc.get(songId) ?? { score: 0, models: [] };
    entry.score += weight * value;
    entry.models.push(...names);
    acc.set(songId, entry);
  };
  const normalised = (l: CandidateList) => {
    const norm = minMaxNormalise(Float64Array.from(l.scores));
    const out = new Map<number, number>();
    for (let i = 0; i < l.songIds.length; i++) out.set(l.songIds[i], norm[i]);
    return out;
  };
  normalised(lists.popularity).forEach((v, id) => add(id, v, weights.popularity, ['popularity']));
  normalised(lists.itemItem).forEach((v, id) => add(id, v, weights.itemItem, ['item-item']));
  const svd = normalised(lists.svd);
  normalised(lists.nmf).forEach((v, id) => {
    const other = svd.get(id);
    if (other !== undefined) add(id, (v + other) / 2, weights.matrixFactorisation, ['nmf', 'svd']);
  });
  return Array.from(acc, ([songId, e]) => ({ songId, score: e.score, models: e.models }))
    .sort((a, b) => b.score - a.score || a.songId - b.songId)
    .slice(0, n);
}

export class Blender {
  private readonly weights: BlendWeights;
  private readonly candidates: number;
  private readonly n: number;
  private readonly buffer: Float64Array;

  constructor(
    private readonly models: BlendModels,
    options: BlendOptions = {},
  ) {
    this.weights = options.weights ?? DEFAULT_BLEND_WEIGHTS;
    validateBlendWeights(this.weights);
    this.candidates = options.candidates ?? 100;
    this.n = options.n ?? 10;
    this.buffer = new Float64Array(models.matrix.byUser.cols);
  }

  /** Ranked recommendations for a user id. */
  recommend(userId: number): BlendedSong[] {
    const { matrix, popularity } = this.models;
    const u = matrix.userIndex.get(userId);
    if (u === undefined) {
      const top = popularity.top(this.candidates, coldRated(matrix, userId));
      const norm = minMaxNormalise(top.scores);
      return Array.from(top.songIds.subarray(0, this.n), (songId, i) => ({ songId, score: norm[i], models: ['popularity'] }));
    }
    const rated = ratedSongs(matrix, u);
    const ratedIds = new Set(Array.from(rated, (s) => matrix.songIds[s]));
    const pop = popularity.top(this.candidates, ratedIds);
    return blendCandidateLists(
      {
        popularity: pop,
        itemItem: this.componentTop(this.models.itemItem, u, rated),
        nmf: this.componentTop(this.models.nmf, u, rated),
        svd: this.componentTop(this.models.svd, u, rated),
      },
      this.weights,
      this.n,
    );
  }

  /** The component's candidate list for a user: song ids and raw scores, rated songs excluded. */
  private componentTop(model: UserScorer, u: number, rated: Int32Array): CandidateList {
    const top = topSongs(model, u, this.candidates, rated, this.buffer);
    return { songIds: Array.from(top.indices, (s) => this.models.matrix.songIds[s]), scores: top.scores };
  }
}

/** Song ids a cold-start user rated (binary search in the sorted cold-start ids). */
function coldRated(matrix: RatingsMatrix, userId: number): Set<number> {
  const { userIds, indptr, songIds } = matrix.coldStart;
  let lo = 0;
  let hi = userIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (userIds[mid] === userId) return new Set(songIds.subarray(indptr[mid], indptr[mid + 1]));
    if (userIds[mid] < userId) lo = mid + 1;
    else hi = mid - 1;
  }
  return new Set();
}
