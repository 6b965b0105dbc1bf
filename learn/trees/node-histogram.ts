/**
 * One node's histogram, feature by feature from the column codes: the builds a tree
 * grower does when it tries only a few features per node, and the row counts the
 * split finder asks for. Slot layout as in histogram-layout.ts.
 */
// Module-local copies of SLOTS and COUNTED_SLOTS (see histogram-layout.ts) for the hot loops.
const STRIDE = 2;
const COUNTED_STRIDE = 3;

/**
 * Copies the gradient and hessian of rows[start..end) into contiguous arrays, so the
 * per-feature loops below read them sequentially instead of gathering them again for
 * every feature.
 */
export function gatherStatistics(
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  gOut: Float64Array,
  hOut: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i];
    gOut[i - start] = grad[r];
    hOut[i - start] = hess[r];
  }
}

/** Adds one feature of rows[start..end) into `hist` at bin `offset`, with gathered statistics. */
export function accumulateFeature(
  hist: Float64Array,
  offset: number,
  codes: Uint8Array,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  const base = offset * STRIDE;
  for (let i = start; i < end; i++) {
    const b = base + codes[rows[i]] * STRIDE;
    const k = i - start;
    hist[b] += g[k];
    hist[b + 1] += h[k];
  }
}

/**
 * One feature of rows[start..end) as [g, h, n] triples, reading statistics by row
 * (grad[r]) rather than gathered, since a node that tries only a few features gains
 * nothing from gathering. Returns the lowest and highest code seen, packed as
 * low*256+high, so callers can scan and clear only the occupied bins.
 */
export function accumulateFeatureRange(
  hist: Float64Array,
  codes: Uint8Array,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
): number {
  let low = 255;
  let high = 0;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const c = codes[r];
    if (c < low) low = c;
    if (c > high) high = c;
    const b = c * COUNTED_STRIDE;
    hist[b] += grad[r];
    hist[b + 1] += hess[r];
    hist[b + 2] += 1;
  }
  return low * 256 + high;
}

/**
 * Copies one feature (bins from `offset`, `nBins` of them) of a full histogram into
 * `out` as [g, h, n] triples, counting the rows of rows[start..end) per bin.
 */
export function withRowCounts(
  out: Float64Array,
  hist: Float64Array,
  offset: number,
  nBins: number,
  codes: Uint8Array,
  rows: Int32Array,
  start: number,
  end: number,
): void {
  for (let b = 0; b < nBins; b++) {
    out[b * COUNTED_STRIDE] = hist[(offset + b) * STRIDE];
    out[b * COUNTED_STRIDE + 1] = hist[(offset + b) * STRIDE + 1];
    out[b * COUNTED_STRIDE + 2] = 0;
  }
  for (let i = start; i < end; i++) out[codes[rows[i]] * COUNTED_STRIDE + 2] += 1;
}

