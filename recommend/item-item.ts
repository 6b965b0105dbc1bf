/**
 * Item-item collaborative filtering with cosine similarity.
 *
 * sim(s, j) = Σ_u r_us·r_uj / (‖r_·s‖ ‖r_·j‖), the cosine of the two song columns of
 * the utility matrix with missing ratings as 0. Only co-rated pairs (≥ 1 common user)
 * have a non-zero numerator, so each song's similarities are accumulated through its
 * users' rows and nothing dense in songs × songs is ever built. Each song keeps its
 * top `neighbours` similar songs (ties by song index).
 *
 * Score of candidate s for user u, over the neighbour lists N(j) of the songs j the
 * user rated:
 *
 *   score(u, s) = Σ_{j ∈ R(u), s ∈ N(j)} sim(s, j)·r_uj / (shrinkage + Σ_{j ∈ R(u), s ∈ N(j)} |sim(s, j)|)
 *
 * Songs reached by no neighbour list score NaN (not recommendable).
 */
import type { RatingsMatrix } from './ratings-matrix';
import { TopNCollector, type TopN } from './top-n';
import type { SparseMatrix, UserScorer } from './types';
import { runToEnd, type FitSteps } from './fit-steps';

/** Songs whose neighbours one step of fitSteps finds (a fraction of a second at seed scale). */
const SONGS_PER_STEP = 1000;

/** Options of {@link ItemItemModel.fit}. */
export interface ItemItemOptions {
  /** Neighbours kept per song. Default 75. */
  neighbours?: number;
  /**
   * Added to the score denominator; 0 (default) is the plain weighted average. A
   * positive value damps songs supported by a single weak neighbour.
   */
  shrinkage?: number;
}

export interface ItemItemJSON {
  readonly kind: 'item-item';
  readonly neighbours: number;
  readonly shrinkage: number;
  readonly indptr: number[];
  readonly neighbourIndex: number[];
  readonly similarity: number[];
}

export class ItemItemModel implements UserScorer {
  readonly name = 'item-item';
  private readonly numerator: Float64Array;
  private readonly denominator: Float64Array;
  private readonly reached: Int32Array;
  /** `reachedBy[s] === call` marks song s as reached in the current call (no clearing per user). */
  private readonly reachedBy: Int32Array;
  private call = 0;

  private constructor(
    private readonly byUser: SparseMatrix,
    readonly neighbours: number,
    readonly shrinkage: number,
    /** Song s's neighbours are `neighbourIndex[indptr[s]..indptr[s + 1]]`, best first. */
    readonly indptr: Int32Array,
    readonly neighbourIndex: Int32Array,
    readonly similarity: Float64Array,
  ) {
    this.numerator = new Float64Array(byUser.cols);
    this.denominator = new Float64Array(byUser.cols);
    this.reached = new Int32Array(byUser.cols);
    this.reachedBy = new Int32Array(byUser.cols);
  }

  get songCount(): number {
    return this.byUser.cols;
  }

  static fit(matrix: RatingsMatrix, options: ItemItemOptions = {}): ItemItemModel {
    return runToEnd(ItemItemModel.fitSteps(matrix, options));
  }

  /** {@link fit} a block of songs' neighbours at a time (see FitSteps). */
  static *fitSteps(matrix: RatingsMatrix, options: ItemItemOptions = {}): FitSteps<ItemItemModel> {
    const k = options.neighbours ?? 75;
    const shrinkage = options.shrinkage ?? 0;
    if (!(k >= 1) || !Number.isInteger(k)) throw new RangeError(`neighbours must be a positive integer, got ${k}`);
    const { byUser, bySong } = matrix;
    const nSongs = bySong.rows;
    const norm = new Float64Array(nSongs);
    for (let s = 0; s < nSongs; s++) {
      let sum = 0;
      for (let p = bySong.indptr[s]; p < bySong.indptr[s + 1]; p++) sum += bySong.values[p] * bySong.values[p];
      norm[s] = Math.sqrt(sum);
    }
    const dot = new Float64Array(nSongs);
    const seen = new Int32Array(nSongs).fill(-1);
    const touched = new Int32Array(nSongs);
    const indptr = new Int32Array(nSongs + 1);
    const index: Int32Array[] = [];
    const sims: Float64Array[] = [];
    for (let s = 0; s < nSongs; s++) {
      let nTouched = 0;
      for (let p = bySong.indptr[s]; p < bySong.indptr[s + 1]; p++) {
        const u = bySong.indices[p];
        const rus = bySong.values[p];
        for (let q = byUser.indptr[u]; q < byUser.indptr[u + 1]; q++) {
          const j = byUser.indices[q];
          if (seen[j] !== s) {
            seen[j] = s;
            dot[j] = 0;
            touched[nTouched++] = j;
          }
          dot[j] += rus * byUser.values[q];
        }
      }
      const best = new TopNCollector(k);
      for (let t = 0; t < nTouched; t++) {
        const j = touched[t];
        if (j === s || norm[s] === 0 || norm[j] === 0) continue;
        best.push(j, dot[j] / (norm[s] * norm[j]));
      }
      const top = best.result();
      index.push(top.indices);
      sims.push(top.scores);
      indptr[s + 1] = indptr[s] + top.indices.length;
      if (s % SONGS_PER_STEP === SONGS_PER_STEP - 1) yield { done: s + 1, of: nSongs, unit: 'songs' };
    }
    const neighbourIndex = new Int32Array(indptr[nSongs]);
    const similarity = new Float64Array(indptr[nSongs]);
    for (let s = 0; s < nSongs; s++) {
      neighbourIndex.set(index[s], indptr[s]);
      similarity.set(sims[s], indptr[s]);
    }
    return new ItemItemModel(byUser, k, shrinkage, indptr, neighbourIndex, similarity);
  }

  /** Cosine similarity of two songs if `b` is among `a`'s kept neighbours, else 0. */
  similarityOf(a: number, b: number): number {
    for (let p = this.indptr[a]; p < this.indptr[a + 1]; p++) if (this.neighbourIndex[p] === b) return this.similarity[p];
    return 0;
  }

  scoreUser(userIndex: number, out?: Float64Array): Float64Array {
    const scores = (out ?? new Float64Array(this.songCount)).fill(NaN);
    const reached = this.accumulate(userIndex);
    for (let t = 0; t < reached; t++) {
      const s = this.reached[t];
      scores[s] = this.score(s);
    }
    return scores;
  }

  /** Best `n` songs among those the user's neighbour lists reach, `exclude` left out. */
  topSongs(userIndex: number, n: number, exclude: ArrayLike<number>): TopN {
    const reached = this.accumulate(userIndex);
    for (let e = 0; e < exclude.length; e++) this.reachedBy[exclude[e]] = 0;
    const best = new TopNCollector(n);
    for (let t = 0; t < reached; t++) {
      const s = this.reached[t];
      if (this.reachedBy[s] === this.call) best.push(s, this.score(s));
    }
    return best.result();
  }

  /**
   * Sums sim·r and |sim| into each song reached from the user's rated songs; returns how
   * many songs were reached (listed in `reached`, marked with this call in `reachedBy`). Only reached
   * songs are touched, so a user costs their ratings × neighbours, not the catalogue.
   */
  private accumulate(userIndex: number): number {
    const { numerator: num, denominator: den, reached, reachedBy } = this;
    const { indptr, indices, values } = this.byUser;
    const call = ++this.call;
    let count = 0;
    for (let q = indptr[userIndex]; q < indptr[userIndex + 1]; q++) {
      const j = indices[q];
      const r = values[q];
      for (let p = this.indptr[j]; p < this.indptr[j + 1]; p++) {
        const s = this.neighbourIndex[p];
        const sim = this.similarity[p];
        if (reachedBy[s] !== call) {
          reachedBy[s] = call;
          reached[count++] = s;
          num[s] = 0;
          den[s] = 0;
        }
        num[s] += sim * r;
        den[s] += Math.abs(sim);
      }
    }
    return count;
  }

  /** Score of a reached song from its accumulated sums (NaN when no similarity weight). */
  private score(s: number): number {
    return this.denominator[s] > 0 ? this.numerator[s] / (this.shrinkage + this.denominator[s]) : NaN;
  }

  toJSON(): ItemItemJSON {
    return {
      kind: 'item-item',
      neighbours: this.neighbours,
      shrinkage: this.shrinkage,
      indptr: Array.from(this.indptr),
      neighbourIndex: Array.from(this.neighbourIndex),
      similarity: Array.from(this.similarity),
    };
  }

  /** Restores a model; `matrix` must be the one it was fitted on (scores read user rows). */
  static load(json: ItemItemJSON, matrix: RatingsMatrix): ItemItemModel {
    if (json.kind !== 'item-item' || json.indptr.length !== matrix.byUser.cols + 1) {
      throw new TypeError('not an item-item model for this matrix: kind or song count differs');
    }
    return new ItemItemModel(
      matrix.byUser,
      json.neighbours,
      json.shrinkage,
      Int32Array.from(json.indptr),
      Int32Array.from(json.neighbourIndex),
      Float64Array.from(json.similarity),
    );
  }
}
