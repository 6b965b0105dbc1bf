/**
 * Dense helpers for tall, thin row-major matrices (rows × width, width ≲ 100): the
 * factor and sketch matrices of NMF and randomised SVD. Only the width × width steps
 * go to ml-matrix; the tall ones are done here because they dominate the cost.
 */

/** Orthonormal columns Q and upper-triangular R with A = Q·R (both row-major). */
export interface ThinQr {
  readonly q: Float64Array;
  readonly r: Float64Array;
}

/**
 * Thin QR by classical Gram–Schmidt with one re-orthogonalisation pass ("twice is
 * enough"), on a column-major copy so the inner loops are contiguous. A column that
 * is (numerically) in the span of the previous ones becomes zero with R_jj = 0, so
 * rank-deficient sketches (e.g. a rank-1 matrix with 11 test vectors) stay finite.
 */
export function thinQr(a: Float64Array, rows: number, width: number): ThinQr {
  const cols = toColumnMajor(a, rows, width);
  const r = new Float64Array(width * width);
  const proj = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    const cj = cols.subarray(j * rows, (j + 1) * rows);
    const original = Math.sqrt(dot(cj, cj, rows));
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) proj[i] = dot(cols.subarray(i * rows, (i + 1) * rows), cj, rows);
      for (let i = 0; i < j; i++) {
        const ci = cols.subarray(i * rows, (i + 1) * rows);
        const c = proj[i];
        if (c === 0) continue;
        for (let x = 0; x < rows; x++) cj[x] -= c * ci[x];
        r[i * width + j] += c;
      }
    }
    const norm = Math.sqrt(dot(cj, cj, rows));
    if (norm === 0 || norm <= 1e-12 * original) {
      cj.fill(0);
      continue;
    }
    r[j * width + j] = norm;
    for (let x = 0; x < rows; x++) cj[x] /= norm;
  }
  return { q: fromColumnMajor(cols, rows, width), r };
}

/** Gram matrix AᵀA (width × width). */
export function gram(a: Float64Array, rows: number, width: number): Float64Array {
  const g = new Float64Array(width * width);
  for (let x = 0; x < rows; x++) {
    const o = x * width;
    for (let i = 0; i < width; i++) {
      const ai = a[o + i];
      if (ai === 0) continue;
      for (let j = i; j < width; j++) g[i * width + j] += ai * a[o + j];
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) g[i * width + j] = g[j * width + i];
  return g;
}

/** A (rows × inner) · B (inner × width), both row-major. */
export function multiplySmall(a: Float64Array, rows: number, inner: number, b: Float64Array, width: number): Float64Array {
  const out = new Float64Array(rows * width);
  for (let x = 0; x < rows; x++) {
    for (let k = 0; k < inner; k++) {
      const v = a[x * inner + k];
      if (v === 0) continue;
      for (let j = 0; j < width; j++) out[x * width + j] += v * b[k * width + j];
    }
  }
  return out;
}

/** Transposes a row-major rows × width matrix into a row-major width × rows one. */
export function transposeDense(a: Float64Array, rows: number, width: number): Float64Array {
  return toColumnMajor(a, rows, width);
}

function toColumnMajor(a: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(rows * width);
  for (let x = 0; x < rows; x++) for (let j = 0; j < width; j++) out[j * rows + x] = a[x * width + j];
  return out;
}

function fromColumnMajor(c: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(rows * width);
  for (let j = 0; j < width; j++) for (let x = 0; x < rows; x++) out[x * width + j] = c[j * rows + x];
  return out;
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}
