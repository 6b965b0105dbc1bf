import { addInto, type HistogramLayout } from './histogram-layout';
import { accumulateRows } from './row-major-histogram';

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
