/**
 * Sparse matrix primitives over typed arrays. Dense operands are row-major
 * `rows × width` Float64Arrays ("tall" factor matrices), which keeps the inner loop
 * of a sparse × dense product contiguous.
 */
import type { SparseMatrix } from './types';

/**
 * Builds CSR from coordinates with two stable counting sorts (by column, then by
 * row), so rows come out sorted by column in O(nnz + rows + cols) without a
 * comparison sort. Duplicate (row, col) pairs are kept; callers deduplicate.
 */
export function csrFromCoordinates(
  rows: number,
  cols: number,
  rowIndex: Int32Array,
  colIndex: Int32Array,
  values: Float64Array,
): SparseMatrix {
  const nnz = rowIndex.length;
  const byCol = countingOrder(colIndex, cols, identityOrder(nnz));
  const order = countingOrder(rowIndex, rows, byCol);
  const indptr = new Int32Array(rows + 1);
  for (let i = 0; i < nnz; i++) indptr[rowIndex[i] + 1]++;
  for (let r = 0; r < rows; r++) indptr[r + 1] += indptr[r];
  const indices = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  for (let i = 0; i < nnz; i++) {
    const e = order[i];
    indices[i] = colIndex[e];
    vals[i] = values[e];
  }
  return { rows, cols, indptr, indices, values: vals };
}

function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** Stable counting sort of `order` by `key[order[i]]` (keys in [0, buckets)). */
function countingOrder(key: Int32Array, buckets: number, order: Int32Array): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < order.length; i++) start[key[order[i]] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const e = order[i];
    out[start[key[e]]++] = e;
  }
  return out;
}

/**
 * The same matrix with rows and columns renumbered: row `rowOrder[i]` becomes row i and
 * column `colOrder[j]` becomes column j (each order a permutation, new → old).
 */
export function permute(m: SparseMatrix, rowOrder: Int32Array, colOrder: Int32Array): SparseMatrix {
  const newCol = inverse(colOrder);
  const nnz = m.indptr[m.rows];
  const rowIndex = new Int32Array(nnz);
  const colIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let q = 0;
  for (let i = 0; i < m.rows; i++) {
    const r = rowOrder[i];
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++, q++) {
      rowIndex[q] = i;
      colIndex[q] = newCol[m.indices[p]];
      values[q] = m.values[p];
    }
  }
  return csrFromCoordinates(m.rows, m.cols, rowIndex, colIndex, values);
}

/** Row indices by descending number of stored entries (ties by index). */
export function rowsByLength(m: SparseMatrix): Int32Array {
  return identityOrder(m.rows).sort((a, b) => rowLength(m, b) - rowLength(m, a) || a - b);
}

/** The inverse of a permutation. */
export function inverse(order: Int32Array): Int32Array {
  const inv = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) inv[order[i]] = i;
  return inv;
}

/** CSR of the transpose (equivalently: the CSC view of `m`), indices sorted. */
export function transpose(m: SparseMatrix): SparseMatrix {
  const nnz = m.indptr[m.rows];
  const indptr = new Int32Array(m.cols + 1);
  for (let i = 0; i < nnz; i++) indptr[m.indices[i] + 1]++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1] += indptr[c];
  const next = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  // Walking rows in order writes each column's entries in ascending row order.
  for (let r = 0; r < m.rows; r++) {
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) {
      const q = next[m.indices[p]]++;
      indices[q] = r;
      values[q] = m.values[p];
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, values };
}

/**
 * `m · dense` where `dense` is `m.cols × width` row-major; returns `m.rows × width`.
 * Works in panels of 10 columns: each panel is packed contiguously and each output
 * row is accumulated in ten local scalars, which V8 keeps in registers (x64 has 16);
 * this runs 2–3× faster than a per-entry loop over `width`.
 */
export function multiplyDense(m: SparseMatrix, dense: Float64Array, width: number): Float64Array {
  const out = new Float64Array(m.rows * width);
  const { indptr, indices, values } = m;
  const panel = new Float64Array(m.cols * PANEL);
  for (let t0 = 0; t0 < width; t0 += PANEL) {
    const pw = Math.min(PANEL, width - t0);
    panel.fill(0);
    for (let c = 0; c < m.cols; c++) for (let b = 0; b < pw; b++) panel[c * PANEL + b] = dense[c * width + t0 + b];
    for (let r = 0; r < m.rows; r++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0;
      for (let p = indptr[r], end = indptr[r + 1]; p < end; p++) {
        const x = values[p];
        const d = indices[p] * PANEL;
        s0 += x * panel[d];
        s1 += x * panel[d + 1];
        s2 += x * panel[d + 2];
        s3 += x * panel[d + 3];
        s4 += x * panel[d + 4];
        s5 += x * panel[d + 5];
        s6 += x * panel[d + 6];
        s7 += x * panel[d + 7];
        s8 += x * panel[d + 8];
        s9 += x * panel[d + 9];
      }
      const o = r * width + t0;
      out[o] = s0;
      if (pw > 1) out[o + 1] = s1;
      if (pw > 2) out[o + 2] = s2;
      if (pw > 3) out[o + 3] = s3;
      if (pw > 4) out[o + 4] = s4;
      if (pw > 5) out[o + 5] = s5;
      if (pw > 6) out[o + 6] = s6;
      if (pw > 7) out[o + 7] = s7;
      if (pw > 8) out[o + 8] = s8;
      if (pw > 9) out[o + 9] = s9;
    }
  }
  return out;
}

const PANEL = 10;

/** Sum of squared stored values (‖m‖²_F, zeros contribute nothing). */
export function squaredNorm(m: SparseMatrix): number {
  let s = 0;
  const nnz = m.indptr[m.rows];
  for (let i = 0; i < nnz; i++) s += m.values[i] * m.values[i];
  return s;
}

/** Number of stored entries in row `r`. */
export function rowLength(m: SparseMatrix, r: number): number {
  return m.indptr[r + 1] - m.indptr[r];
}
