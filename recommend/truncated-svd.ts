/**
 * Truncated SVD recommender: R ≈ U·Σ·Vᵀ on the utility matrix with missing ratings
 * as 0 and no centring, like scikit-learn's TruncatedSVD(algorithm='randomized').
 * A user's scores are the row U_u·Σ·Vᵀ, computed per user.
 */
import { factorPrediction, factorScores } from './factor-scores';
import { FactorTopN } from './factor-top-n';
import type { TopN } from './top-n';
import { randomizedSvd } from './randomized-svd';
import type { RatingsMatrix } from './ratings-matrix';
import type { UserScorer } from './types';

/** Options of {@link TruncatedSvdModel.fit}. */
export interface TruncatedSvdOptions {
  /** Number of components k. Default 20. */
  components?: number;
  /** Extra sketch columns. Default 10. */
  oversamples?: number;
  /** Power iterations. Default 5. */
  powerIterations?: number;
  /** Seed of the random test matrix. Default 0. */
  seed?: number;
}

export interface TruncatedSvdJSON {
  readonly kind: 'truncated-svd';
  readonly k: number;
  readonly users: number;
  readonly songs: number;
  readonly u: number[];
  readonly s: number[];
  readonly vt: number[];
}

export class TruncatedSvdModel implements UserScorer {
  readonly name = 'svd';

  private ranker?: FactorTopN;

  private constructor(
    readonly k: number,
    readonly userCount: number,
    readonly songCount: number,
    /** users × k, row-major. */
    readonly u: Float64Array,
    /** Singular values, descending. */
    readonly s: Float64Array,
    /** k × songs, row-major (scikit-learn's components_). */
    readonly vt: Float64Array,
  ) {}

  static fit(matrix: RatingsMatrix, options: TruncatedSvdOptions = {}): TruncatedSvdModel {
    const k = options.components ?? 20;
    const f = randomizedSvd(matrix.byUser, matrix.bySong, k, {
      oversamples: options.oversamples,
      powerIterations: options.powerIterations,
      seed: options.seed,
    });
    return new TruncatedSvdModel(k, matrix.byUser.rows, matrix.byUser.cols, f.u, f.s, f.vt);
  }

  scoreUser(userIndex: number, out?: Float64Array): Float64Array {
    return factorScores(this.u, userIndex, this.vt, this.k, this.songCount, out, this.s);
  }

  /** Exact top-n without scoring every song (see {@link FactorTopN}). */
  topSongs(userIndex: number, n: number, exclude: ArrayLike<number>): TopN {
    this.ranker ??= new FactorTopN(this.vt, this.k, this.songCount, this.s);
    return this.ranker.top(this.u, userIndex, n, exclude);
  }

  /** Reconstructed rating of one cell. */
  predict(userIndex: number, songIndex: number): number {
    return factorPrediction(this.u, userIndex, this.vt, this.k, this.songCount, songIndex, this.s);
  }

  toJSON(): TruncatedSvdJSON {
    return {
      kind: 'truncated-svd',
      k: this.k,
      users: this.userCount,
      songs: this.songCount,
      u: Array.from(this.u),
      s: Array.from(this.s),
      vt: Array.from(this.vt),
    };
  }

  static load(json: TruncatedSvdJSON): TruncatedSvdModel {
    if (json.kind !== 'truncated-svd' || json.u.length !== json.users * json.k || json.vt.length !== json.songs * json.k) {
      throw new TypeError('not a truncated-svd model: kind or factor sizes do not match k, users and songs');
    }
    return new TruncatedSvdModel(json.k, json.users, json.songs, Float64Array.from(json.u), Float64Array.from(json.s), Float64Array.from(json.vt));
  }
}
