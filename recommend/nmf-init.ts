/**
 * Initial factors for NMF, following scikit-learn's `_initialize_nmf`:
 * - 'random': |N(0,1)| scaled by sqrt(mean(X)/k), mean over all cells (zeros included);
 * - 'nndsvd': Boutsidis & Gallopoulos' non-negative double SVD from a randomised SVD;
 * - 'nndsvda': nndsvd with its zeros replaced by mean(X), so coordinate descent does
 *   not start stuck on exact zeros (scikit-learn's default).
 */
import { randomizedSvd } from './randomized-svd';
import { createGaussian } from './random';
import type { SparseMatrix } from './types';

export type NmfInit = 'random' | 'nndsvd' | 'nndsvda';

/** W (rows × k) and Hᵀ (cols × k), both row-major. */
export interface NmfFactors {
  readonly w: Float64Array;
  readonly ht: Float64Array;
}

const EPS = 1e-6;

export function initNmf(byRow: SparseMatrix, byCol: SparseMatrix, k: number, init: NmfInit, seed: number): NmfFactors {
  const m = byRow.rows;
  const n = byRow.cols;
  let sum = 0;
  for (let i = 0; i < byRow.indptr[m]; i++) sum += byRow.values[i];
  const mean = sum / (m * n);
  if (init === 'random') {
    const avg = Math.sqrt(mean / k);
    const next = createGaussian(seed);
    const ht = new Float64Array(n * k);
    const hRowMajor = new Float64Array(k * n);
    for (let i = 0; i < hRowMajor.length; i++) hRowMajor[i] = avg * Math.abs(next());
    for (let t = 0; t < k; t++) for (let x = 0; x < n; x++) ht[x * k + t] = hRowMajor[t * n + x];
    const w = new Float64Array(m * k);
    for (let i = 0; i < w.length; i++) w[i] = avg * Math.abs(next());
    return { w, ht };
  }
  // scikit-learn's n_iter='auto' for this call: 7 when k is small relative to the matrix.
  const powerIterations = k < 0.1 * Math.min(m, n) ? 7 : 4;
  const { u, s, vt } = randomizedSvd(byRow, byCol, k, { seed, powerIterations });
  const w = new Float64Array(m * k);
  const ht = new Float64Array(n * k);
  for (let t = 0; t < k; t++) {
    const x = Float64Array.from({ length: m }, (_, i) => u[i * k + t]);
    const y = vt.subarray(t * n, (t + 1) * n);
    if (t === 0) {
      const root = Math.sqrt(s[0]);
      for (let i = 0; i < m; i++) w[i * k] = root * Math.abs(x[i]);
      for (let j = 0; j < n; j++) ht[j * k] = root * Math.abs(y[j]);
      continue;
    }
    const xp = partNorm(x, 1);
    const xn = partNorm(x, -1);
    const yp = partNorm(y, 1);
    const yn = partNorm(y, -1);
    const positive = xp * yp > xn * yn;
    const sign = positive ? 1 : -1;
    const xNorm = positive ? xp : xn;
    const yNorm = positive ? yp : yn;
    const lambda = Math.sqrt(s[t] * xNorm * yNorm);
    for (let i = 0; i < m; i++) w[i * k + t] = xNorm > 0 ? (lambda * Math.max(0, sign * x[i])) / xNorm : 0;
    for (let j = 0; j < n; j++) ht[j * k + t] = yNorm > 0 ? (lambda * Math.max(0, sign * y[j])) / yNorm : 0;
  }
  const fill = init === 'nndsvda' ? mean : 0;
  for (let i = 0; i < w.length; i++) if (w[i] < EPS) w[i] = fill;
  for (let i = 0; i < ht.length; i++) if (ht[i] < EPS) ht[i] = fill;
  return { w, ht };
}

/** Norm of the positive (sign 1) or negative (sign -1) part of a vector. */
function partNorm(v: ArrayLike<number>, sign: 1 | -1): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const x = sign * v[i];
    if (x > 0) s += x * x;
  }
  return Math.sqrt(s);
}
