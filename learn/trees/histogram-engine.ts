import { accumulateInBlocks, MAX_ROW_BLOCKS } from './histogram-blocks';
import { SLOTS, type HistogramLayout } from './histogram-layout';
import { accumulateFeature } from './node-histogram';

/**
 * Builds full (every tree feature) node histograms. The tree builder partitions
 * `rows` and gathers node statistics into `g`/`h` (position i − start) in place; an
 * engine may spread the per-feature work over threads, which is why it owns the
 * buffers the work reads.
 */
export interface HistogramEngine {
  /** Capacity of rows, g and h. */
  readonly capacity: number;
  readonly rows: Int32Array;
  readonly g: Float64Array;
  readonly h: Float64Array;
  /** A zeroed histogram of layout.totalBins bins. */
  acquire(): Float64Array;
  release(hist: Float64Array): void;
  /** Adds rows[start..end) of the given features into `hist`. */
  build(hist: Float64Array, start: number, end: number, features: Int32Array): void;
}

/** Single-threaded engine; uses row-major codes when given, columns otherwise. */
export function localHistogramEngine(
  layout: HistogramLayout,
  codes: Uint8Array[],
  capacity: number,
  rowCodes?: Uint8Array,
): HistogramEngine {
  const pool: Float64Array[] = [];
  // Block 0 sums straight into the histogram being built.
  const blockSums = Array.from({ length: MAX_ROW_BLOCKS }, (_, b) => new Float64Array(rowCodes && b > 0 ? layout.totalBins * SLOTS : 0));
  return {
    capacity,
    rows: new Int32Array(capacity),
    g: new Float64Array(capacity),
    h: new Float64Array(capacity),
    acquire: () => pool.pop()?.fill(0) ?? new Float64Array(layout.totalBins * SLOTS),
    release: (hist) => {
      pool.push(hist);
    },
    build(hist, start, end, features) {
      if (rowCodes) {
        const build = { layout, features, rowCodes, stride: codes.length, rows: this.rows, start, g: this.g, h: this.h };
        accumulateInBlocks(hist, blockSums, build, end);
        return;
      }
      for (let k = 0; k < features.length; k++) {
        const f = features[k];
        accumulateFeature(hist, layout.offsets[f], codes[f], this.rows, start, end, this.g, this.h);
      }
    },
  };
}
