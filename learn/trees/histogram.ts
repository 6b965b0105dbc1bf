/**
 * Full (all-feature) histograms hold, per bin, the sums of gradient and hessian,
 * interleaved as [g, h] pairs. Gini trees reuse the same sums with g = label weight
 * and h = weight, so one split finder serves both forests and boosting. Row counts are
 * not kept there: they cost a fifth of the accumulation, and the split finder needs
 * them only for its smallest candidate sides (see scanFeatureBounded). One-feature
 * histograms that the finder scans with counts hold [g, h, n] triples instead.
 */
export const SLOTS = 2;
/** Slots per bin of a one-feature histogram with row counts. */
export const COUNTED_SLOTS = 3;
// Hot loops use these module-local copies: compiled to CommonJS, exported constants become property loads on `exports`.
const STRIDE = 2;
const COUNTED_STRIDE = 3;

/** Where each feature's bins start inside a full (all-feature) histogram. */
export interface HistogramLayout {
  offsets: Int32Array;
  nBins: Int32Array;
  totalBins: number;
}

export function histogramLayout(nBins: Int32Array): HistogramLayout {
  const offsets = new Int32Array(nBins.length);
  let total = 0;
  for (let j = 0; j < nBins.length; j++) {
    offsets[j] = total;
    total += nBins[j];
  }
  return { offsets, nBins, totalBins: total };
}

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

/**
 * Adds all listed features of rows[start..end) at once from row-major codes
 * (`rowCodes[row * stride + feature]`). One row's codes share a cache line, and
 * consecutive updates land in different features' bins, so they do not wait on
 * each other the way a one-feature pass over a few-valued column does.
 */
export function accumulateRows(
  hist: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
  rowCodes: Uint8Array,
  stride: number,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
): void {
  const nf = features.length;
  const base = new Int32Array(nf);
  for (let k = 0; k < nf; k++) base[k] = layout.offsets[features[k]] * STRIDE;
  const blocked = start + ((end - start) & ~7);
  for (let i = start; i < blocked; i += 8) accumulateEightRows(hist, base, features, rowCodes, stride, rows, i, g, h, i - start);
  for (let i = blocked; i < end; i++) {
    const at = rows[i] * stride;
    const gi = g[i - start];
    const hi = h[i - start];
    for (let k = 0; k < nf; k++) {
      const b = base[k] + rowCodes[at + features[k]] * STRIDE;
      hist[b] += gi;
      hist[b + 1] += hi;
    }
  }
}

/**
 * rows[i..i+8) into every listed feature. Taking eight rows per pass over the features
 * shares the per-feature loads and loop overhead and gives the CPU eight independent
 * updates at a time (about twice as fast as a row at a time); each bin still receives
 * its rows in row order, so the sums are the same.
 */
function accumulateEightRows(
  hist: Float64Array,
  base: Int32Array,
  features: Int32Array,
  rowCodes: Uint8Array,
  stride: number,
  rows: Int32Array,
  i: number,
  g: Float64Array,
  h: Float64Array,
  k0: number,
): void {
  const a0 = rows[i] * stride;
  const a1 = rows[i + 1] * stride;
  const a2 = rows[i + 2] * stride;
  const a3 = rows[i + 3] * stride;
  const a4 = rows[i + 4] * stride;
  const a5 = rows[i + 5] * stride;
  const a6 = rows[i + 6] * stride;
  const a7 = rows[i + 7] * stride;
  const g0 = g[k0], g1 = g[k0 + 1], g2 = g[k0 + 2], g3 = g[k0 + 3], g4 = g[k0 + 4], g5 = g[k0 + 5], g6 = g[k0 + 6], g7 = g[k0 + 7];
  const h0 = h[k0], h1 = h[k0 + 1], h2 = h[k0 + 2], h3 = h[k0 + 3], h4 = h[k0 + 4], h5 = h[k0 + 5], h6 = h[k0 + 6], h7 = h[k0 + 7];
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const at = base[k];
    let b = at + rowCodes[a0 + f] * STRIDE;
    hist[b] += g0;
    hist[b + 1] += h0;
    b = at + rowCodes[a1 + f] * STRIDE;
    hist[b] += g1;
    hist[b + 1] += h1;
    b = at + rowCodes[a2 + f] * STRIDE;
    hist[b] += g2;
    hist[b + 1] += h2;
    b = at + rowCodes[a3 + f] * STRIDE;
    hist[b] += g3;
    hist[b + 1] += h3;
    b = at + rowCodes[a4 + f] * STRIDE;
    hist[b] += g4;
    hist[b + 1] += h4;
    b = at + rowCodes[a5 + f] * STRIDE;
    hist[b] += g5;
    hist[b + 1] += h5;
    b = at + rowCodes[a6 + f] * STRIDE;
    hist[b] += g6;
    hist[b + 1] += h6;
    b = at + rowCodes[a7 + f] * STRIDE;
    hist[b] += g7;
    hist[b + 1] += h7;
  }
}

/** Row-major copy of column codes, for {@link accumulateRows}; shared so helper threads can read it. */
export function toRowMajor(codes: Uint8Array[], nRows: number): Uint8Array {
  const stride = codes.length;
  const out = new Uint8Array(new SharedArrayBuffer(Math.max(1, nRows * stride)));
  for (let f = 0; f < stride; f++) {
    const column = codes[f];
    for (let r = 0; r < nRows; r++) out[r * stride + f] = column[r];
  }
  return out;
}

/** parent -= child over the listed features, turning the parent into the sibling. */
export function subtractInto(parent: Float64Array, child: Float64Array, layout: HistogramLayout, features: Int32Array): void {
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const from = layout.offsets[f] * STRIDE;
    const to = from + layout.nBins[f] * STRIDE;
    for (let b = from; b < to; b++) parent[b] -= child[b];
  }
}

/** hist += part over the listed features. */
export function addInto(hist: Float64Array, part: Float64Array, layout: HistogramLayout, features: Int32Array): void {
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const from = layout.offsets[f] * STRIDE;
    const to = from + layout.nBins[f] * STRIDE;
    for (let b = from; b < to; b++) hist[b] += part[b];
  }
}

/** Fewest rows per block when a full-histogram build is split into row blocks. */
const MIN_BLOCK_ROWS = 4096;
/** Most row blocks per build, and so the most threads one build can use. */
export const MAX_ROW_BLOCKS = 4;

/**
 * Boundaries of the row blocks of a full-histogram build over rows[start..end): block
 * b is bounds[b]..bounds[b+1]. Each block is summed on its own and the block sums are
 * added in block order, so threads can share a build by blocks and still produce the
 * same sums as one thread; the split depends only on the row count for that reason.
 */
export function rowBlocks(start: number, end: number): Int32Array {
  const count = Math.max(1, Math.min(MAX_ROW_BLOCKS, Math.floor((end - start) / MIN_BLOCK_ROWS)));
  const bounds = new Int32Array(count + 1);
  for (let b = 0; b <= count; b++) bounds[b] = start + Math.floor((b * (end - start)) / count);
  return bounds;
}

/** What a full-histogram build reads: rows[start..end) with gathered statistics g[i − start], h[i − start]. */
export interface RowBuild {
  layout: HistogramLayout;
  features: Int32Array;
  rowCodes: Uint8Array;
  stride: number;
  rows: Int32Array;
  start: number;
  g: Float64Array;
  h: Float64Array;
}

/**
 * Sums blocks first..last-1 of a build: block 0 straight into `hist`, block b > 0 into
 * blockSums[b], which it zeroes first. {@link mergeBlocks} then adds them up.
 */
export function accumulateBlocks(
  hist: Float64Array,
  blockSums: Float64Array[],
  build: RowBuild,
  bounds: Int32Array,
  first: number,
  last: number,
): void {
  const { layout, features, rowCodes, stride, rows, start, g, h } = build;
  for (let b = first; b < last; b++) {
    const target = b === 0 ? hist : blockSums[b].fill(0);
    const at = bounds[b] - start;
    accumulateRows(target, layout, features, rowCodes, stride, rows, bounds[b], bounds[b + 1], g.subarray(at), h.subarray(at));
  }
}

/** Adds the sums of blocks 1.. to `hist` (which holds block 0), in block order. */
export function mergeBlocks(hist: Float64Array, blockSums: Float64Array[], nBlocks: number, layout: HistogramLayout, features: Int32Array): void {
  for (let b = 1; b < nBlocks; b++) addInto(hist, blockSums[b], layout, features);
}

/** Sums a whole build on this thread, block by block like a shared build. */
export function accumulateInBlocks(hist: Float64Array, blockSums: Float64Array[], build: RowBuild, end: number): void {
  const bounds = rowBlocks(build.start, end);
  const nBlocks = bounds.length - 1;
  accumulateBlocks(hist, blockSums, build, bounds, 0, nBlocks);
  mergeBlocks(hist, blockSums, nBlocks, build.layout, build.features);
}
