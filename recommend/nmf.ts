/**
 * Non-negative matrix factorisation R ≈ W·H (Frobenius loss, missing ratings as 0)
 * by coordinate descent, the algorithm of scikit-learn's NMF(solver='cd'): each pass
 * updates every column of W then of Hᵀ with a projected Newton step, and stops when
 * the summed projected-gradient violation falls below `tolerance` × its first value.
 * The data enter only through X·Hᵀ and Xᵀ·W over CSR/CSC, never as W·H.
 */
import { gram, transposeDense } from './dense';
import { factorPrediction, factorScores } from './factor-scores';
import { FactorTopN } from './factor-top-n';
import type { TopN } from './top-n';
import { initNmf, type NmfInit } from './nmf-init';
import type { RatingsMatrix } from './ratings-matrix';
import { multiplyDense, permute, rowsByLength, squaredNorm, transpose } from './sparse-matrix';
import type { SparseMatrix, UserScorer } from './types';
import { runToEnd, type FitSteps } from './fit-steps';

/** Options of {@link NmfModel.fit}. */
export interface NmfOptions {
  /** Number of components k. Default 20. */
  components?: number;
  /** Initialisation. Default 'nndsvda' (scikit-learn's default for k ≤ min(users, songs)). */
  init?: NmfInit;
  /** Seed of the initialisation. Default 0. */
  seed?: number;
  /** Maximum coordinate-descent passes. Default 200. */
  maxIterations?: number;
  /** Relative violation at which to stop. Default 1e-4. */
  tolerance?: number;
}

export interface NmfJSON {
  readonly kind: 'nmf';
  readonly k: number;
  readonly users: number;
  readonly songs: number;
  readonly iterations: number;
  readonly reconstructionError: number;
  readonly w: number[];
  readonly h: number[];
}

export class NmfModel implements UserScorer {
  readonly name = 'nmf';

  private ranker?: FactorTopN;

  private constructor(
    readonly k: number,
    readonly userCount: number,
    readonly songCount: number,
    /** users × k, row-major. */
    readonly w: Float64Array,
    /** k × songs, row-major (scikit-learn's components_). */
    readonly h: Float64Array,
    /** Coordinate-descent passes run. */
    readonly iterations: number,
    /** ‖X − W·H‖_F over all cells (missing = 0). */
    readonly reconstructionError: number,
  ) {}

  static fit(matrix: RatingsMatrix, options: NmfOptions = {}): NmfModel {
    return runToEnd(NmfModel.fitSteps(matrix, options));
  }

  /** {@link fit} one coordinate-descent pass at a time (see FitSteps). */
  static *fitSteps(matrix: RatingsMatrix, options: NmfOptions = {}): FitSteps<NmfModel> {
    const k = options.components ?? 20;
    const maxIterations = options.maxIterations ?? 200;
    const tolerance = options.tolerance ?? 1e-4;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`components must be a positive integer, got ${k}`);
    // Solve with the busiest users and songs first: the sparse products then read the factor
    // rows they touch most from a small, cache-resident block (≈ 25 % faster at seed scale).
    const userOrder = rowsByLength(matrix.byUser);
    const songOrder = rowsByLength(matrix.bySong);
    const byUser = permute(matrix.byUser, userOrder, songOrder);
    const bySong = transpose(byUser);
    const m = byUser.rows;
    const n = byUser.cols;
    // The start is computed on the matrix as given, so a seed means the same start whatever the order.
    const init = initNmf(matrix.byUser, matrix.bySong, k, options.init ?? 'nndsvda', options.seed ?? 0);
    const w = pickRows(init.w, userOrder, k);
    const ht = pickRows(init.ht, songOrder, k);
    let initial = 0;
    let iterations = 0;
    for (let it = 1; it <= maxIterations; it++) {
      iterations = it;
      let violation = coordinateDescent(w, gram(ht, n, k), multiplyDense(byUser, ht, k), m, k);
      violation += coordinateDescent(ht, gram(w, m, k), multiplyDense(bySong, w, k), n, k);
      if (it === 1) initial = violation;
      if (initial === 0 || violation / initial <= tolerance) break;
      yield { done: it, of: maxIterations, unit: 'passes' };
    }
    const error = Math.sqrt(Math.max(0, squaredError(byUser, w, ht, k)));
    return new NmfModel(k, m, n, restoreRows(w, userOrder, k), transposeDense(restoreRows(ht, songOrder, k), n, k), iterations, error);
  }

  scoreUser(userIndex: number, out?: Float64Array): Float64Array {
    return factorScores(this.w, userIndex, this.h, this.k, this.songCount, out);
  }

  /** Exact top-n without scoring every song (see {@link FactorTopN}). */
  topSongs(userIndex: number, n: number, exclude: ArrayLike<number>): TopN {
    this.ranker ??= new FactorTopN(this.h, this.k, this.songCount);
    return this.ranker.top(this.w, userIndex, n, exclude);
  }

  /** Reconstructed rating of one cell. */
  predict(userIndex: number, songIndex: number): number {
    return factorPrediction(this.w, userIndex, this.h, this.k, this.songCount, songIndex);
  }

  toJSON(): NmfJSON {
    return {
      kind: 'nmf',
      k: this.k,
      users: this.userCount,
      songs: this.songCount,
      iterations: this.iterations,
      reconstructionError: this.reconstructionError,
      w: Array.from(this.w),
      h: Array.from(this.h),
    };
  }

  static load(json: NmfJSON): NmfModel {
    if (json.kind !== 'nmf' || json.w.length !== json.users * json.k || json.h.length !== json.songs * json.k) {
      throw new TypeError('not an nmf model: kind or factor sizes do not match k, users and songs');
    }
    return new NmfModel(json.k, json.users, json.songs, Float64Array.from(json.w), Float64Array.from(json.h), json.iterations, json.reconstructionError);
  }
}

/**
 * One sweep over the columns of `f` (rows × k) minimising ‖X − f·Gᵀ‖² with
 * `gtg` = GᵀG and `xg` = X·G. Returns the summed |projected gradient| before the step.
 *
 * A coordinate's update reads only its own row of `f`, so sweeping row by row (all k
 * coordinates of a row in order) makes exactly the updates of the column-by-column
 * sweep of scikit-learn's solver, while each row stays in cache for its k steps.
 */
function coordinateDescent(f: Float64Array, gtg: Float64Array, xg: Float64Array, rows: number, k: number): number {
  let violation = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    for (let t = 0; t < k; t++) {
      const hess = gtg[t * k + t];
      let grad = -xg[o + t];
      for (let r = 0; r < k; r++) grad += gtg[t * k + r] * f[o + r];
      const current = f[o + t];
      violation += Math.abs(current === 0 ? Math.min(0, grad) : grad);
      if (hess !== 0) f[o + t] = Math.max(current - grad / hess, 0);
    }
  }
  return violation;
}

/** Rows of a rows × k factor in the permuted order (`order` maps new → old). */
function pickRows(f: Float64Array, order: Int32Array, k: number): Float64Array {
  const out = new Float64Array(f.length);
  for (let i = 0; i < order.length; i++) out.set(f.subarray(order[i] * k, (order[i] + 1) * k), i * k);
  return out;
}

/** Rows of a permuted rows × k factor back in original order (`order` maps new → old). */
function restoreRows(f: Float64Array, order: Int32Array, k: number): Float64Array {
  const out = new Float64Array(f.length);
  for (let i = 0; i < order.length; i++) out.set(f.subarray(i * k, (i + 1) * k), order[i] * k);
  return out;
}

/** ‖X − W·H‖² = ‖X‖² − 2 Σ_nnz x·(WH) + tr(WᵀW · HHᵀ), without forming W·H. */
function squaredError(x: SparseMatrix, w: Float64Array, ht: Float64Array, k: number): number {
  let cross = 0;
  for (let u = 0; u < x.rows; u++) {
    for (let p = x.indptr[u]; p < x.indptr[u + 1]; p++) {
      const s = x.indices[p];
      let pred = 0;
      for (let t = 0; t < k; t++) pred += w[u * k + t] * ht[s * k + t];
      cross += x.values[p] * pred;
    }
  }
  const wtw = gram(w, x.rows, k);
  const hht = gram(ht, x.cols, k);
  let trace = 0;
  for (let i = 0; i < k * k; i++) trace += wtw[i] * hht[i];
  return squaredNorm(x) - 2 * cross + trace;
}
