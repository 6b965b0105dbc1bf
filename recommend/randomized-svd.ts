/**
 * Randomised truncated SVD (Halko, Martinsson & Tropp 2011, alg. 4.4 with the
 * sketch orthonormalised once per power iteration), as scikit-learn's
 * `randomized_svd`: Gaussian test matrix of k + oversamples columns, power
 * iterations, then an exact SVD of the small projected matrix. Sparse products run
 * over the CSR (A·X) and CSC (Aᵀ·X) forms; only l × l problems reach ml-matrix.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { multiplySmall, thinQr } from './dense';
import { gaussianArray } from './random';
import { multiplyDense } from './sparse-matrix';
import type { SparseMatrix } from './types';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Extra sketch columns beyond k. Default 10 (scikit-learn's n_oversamples). */
  oversamples?: number;
  /** Power iterations. Default 5 (TruncatedSVD's n_iter). */
  powerIterations?: number;
  /** Seed of the Gaussian test matrix. Default 0. */
  seed?: number;
}

/** A ≈ U·diag(s)·Vt with U rows × k and Vt k × cols, both row-major. */
export interface SvdFactors {
  readonly k: number;
  readonly u: Float64Array;
  readonly s: Float64Array;
  readonly vt: Float64Array;
}

/**
 * @param byRow the matrix in CSR form; @param byCol the same matrix's transpose (CSC).
 */
export function randomizedSvd(
  byRow: SparseMatrix,
  byCol: SparseMatrix,
  k: number,
  options: RandomizedSvdOptions = {},
): SvdFactors {
  const m = byRow.rows;
  const n = byRow.cols;
  if (!Number.isInteger(k) || k < 1 || k > Math.min(m, n)) {
    throw new RangeError(`k must be an integer in [1, ${Math.min(m, n)}] for a ${m} × ${n} matrix, got ${k}`);
  }
  const l = Math.min(k + (options.oversamples ?? 10), m, n);
  const omega = gaussianArray(n * l, options.seed ?? 0);
  // Orthonormalising once per power iteration (after Aᵀ·Y) rather than after every
  // product halves the QR work; one unnormalised product only worsens the
  // conditioning by σ1/σl before the next QR, which Gram–Schmidt twice absorbs.
  let y = multiplyDense(byRow, omega, l);
  for (let i = 0; i < (options.powerIterations ?? 5); i++) {
    y = multiplyDense(byRow, thinQr(multiplyDense(byCol, y, l), n, l).q, l);
  }
  const q = thinQr(y, m, l).q;
  // B = QᵀA is l × n; factor Bᵀ = Q2·R2 so that B = R2ᵀ·Q2ᵀ and only R2ᵀ (l × l)
  // needs an exact SVD: R2ᵀ = Ur·Σ·Vrᵀ gives U = Q·Ur and V = Q2·Vr.
  const bt = thinQr(multiplyDense(byCol, q, l), n, l);
  const small = new Matrix(l, l);
  for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) small.set(i, j, bt.r[j * l + i]);
  const svd = new SingularValueDecomposition(small, { autoTranspose: true });
  const ur = flatten(svd.leftSingularVectors, l, k);
  const vr = flatten(svd.rightSingularVectors, l, k);
  const u = multiplySmall(q, m, l, ur, k);
  const v = multiplySmall(bt.q, n, l, vr, k);
  const s = Float64Array.from(svd.diagonal.slice(0, k));
  const vt = new Float64Array(k * n);
  for (let x = 0; x < n; x++) for (let t = 0; t < k; t++) vt[t * n + x] = v[x * k + t];
  flipSigns(u, vt, m, n, k);
  return { k, u, s, vt };
}

/** First `k` columns of an l × l ml-matrix as a row-major l × k array. */
function flatten(mat: Matrix, l: number, k: number): Float64Array {
  const out = new Float64Array(l * k);
  for (let i = 0; i < l; i++) for (let t = 0; t < k; t++) out[i * k + t] = mat.get(i, t);
  return out;
}

/**
 * Makes each component deterministic up to the data: the largest-magnitude entry of
 * every Vt row is positive (scikit-learn's svd_flip with u_based_decision=False).
 */
function flipSigns(u: Float64Array, vt: Float64Array, m: number, n: number, k: number): void {
  for (let t = 0; t < k; t++) {
    let best = 0;
    for (let x = 0; x < n; x++) if (Math.abs(vt[t * n + x]) > Math.abs(best)) best = vt[t * n + x];
    if (best >= 0) continue;
    for (let x = 0; x < n; x++) vt[t * n + x] = -vt[t * n + x];
    for (let y = 0; y < m; y++) u[y * k + t] = -u[y * k + t];
  }
}
