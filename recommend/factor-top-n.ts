/**
 * Exact per-user top-n of a factor model without scoring every song.
 *
 * A user's score for song s is a·h_s (a the user's factor row, times the component
 * weights for SVD), so by Cauchy–Schwarz no song can score above ‖a‖·‖h_s‖. Songs are
 * visited in descending ‖h_s‖; once that bound falls below the worst score kept, no
 * later song can enter the list and the walk stops. With popularity-skewed catalogues
 * most song vectors are short, so most songs are never scored. The result is the same
 * list, scores and tie order as scoring all songs and selecting (scores are summed in
 * the same component order as {@link factorScores}).
 */
import { TopNCollector, type TopN } from './top-n';

/** Margin on the bound so rounding in the dot product can never cut off a true entry. */
const BOUND_SLACK = 1 + 1e-9;

export class FactorTopN {
  /** Song indices by descending vector norm. */
  private readonly order: Int32Array;
  /** ‖h_s‖ in walk order. */
  private readonly norms: Float64Array;
  /** Song vectors in walk order, song-major (songs × k), so one song's dot product is contiguous. */
  private readonly rows: Float64Array;
  private readonly user: Float64Array;
  /** `excludedBy[s] === call` marks the current user's excluded songs without clearing between users. */
  private readonly excludedBy: Int32Array;
  private call = 0;

  /**
   * @param songFactorsT k × songs, component-major (a model's H or Vᵀ).
   * @param weights optional per-component weights applied on the user side (SVD's Σ).
   */
  constructor(
    songFactorsT: Float64Array,
    private readonly k: number,
    readonly songCount: number,
    private readonly weights?: Float64Array,
  ) {
    const norms = new Float64Array(songCount);
    for (let t = 0; t < k; t++) {
      for (let s = 0; s < songCount; s++) norms[s] += songFactorsT[t * songCount + s] ** 2;
    }
    const order = Int32Array.from({ length: songCount }, (_, s) => s);
    order.sort((x, y) => norms[y] - norms[x] || x - y);
    this.order = order;
    this.norms = Float64Array.from(order, (s) => Math.sqrt(norms[s]));
    this.rows = new Float64Array(songCount * k);
    for (let i = 0; i < songCount; i++) {
      for (let t = 0; t < k; t++) this.rows[i * k + t] = songFactorsT[t * songCount + order[i]];
    }
    this.user = new Float64Array(k);
    this.excludedBy = new Int32Array(songCount);
  }

  /**
   * Best `n` songs for row `userIndex` of `userFactors` (users × k), skipping `exclude`;
   * also returns how many songs were scored.
   */
  top(userFactors: Float64Array, userIndex: number, n: number, exclude: ArrayLike<number> = []): TopN & { scored: number } {
    const { k, rows, norms, order, user, excludedBy } = this;
    const call = ++this.call;
    for (let e = 0; e < exclude.length; e++) excludedBy[exclude[e]] = call;
    let userNorm = 0;
    for (let t = 0; t < k; t++) {
      user[t] = userFactors[userIndex * k + t] * (this.weights ? this.weights[t] : 1);
      userNorm += user[t] * user[t];
    }
    userNorm = Math.sqrt(userNorm) * BOUND_SLACK;
    const best = new TopNCollector(n);
    let i = 0;
    for (; i < this.songCount; i++) {
      if (userNorm * norms[i] < best.threshold()) break;
      const s = order[i];
      if (excludedBy[s] === call) continue;
      let score = 0;
      for (let t = 0, o = i * k; t < k; t++) if (user[t] !== 0) score += user[t] * rows[o + t];
      best.push(s, score);
    }
    return { ...best.result(), scored: i };
  }
}
