import type { FeatureMatrix } from '../types';

/** Options for {@link binMatrix}. */
export interface BinningOptions {
  /** Most bins per feature, 2..256 so codes fit a byte. Default 256. */
  maxBins?: number;
}

/**
 * Features quantised to small integer codes. A value v gets the first bin b with
 * v <= thresholds[b] (the bin's upper edge); values above every edge, and NaN, get the
 * last bin. A constant feature has no edges and one bin.
 */
export interface BinnedMatrix {
  nRows: number;
  names: string[];
  /** One code array per feature; all views over one SharedArrayBuffer so workers can share them. */
  codes: Uint8Array[];
  thresholds: Float64Array[];
  /** Bins per feature: thresholds[j].length + 1. */
  nBins: Int32Array;
}

/**
 * Upper bin edges at (roughly) equal-count quantiles, placed midway between
 * neighbouring distinct values so unseen values in the gap fall on a sensible side.
 */
export function computeBinThresholds(column: Float64Array, maxBins = 256): Float64Array {
  if (maxBins < 2 || maxBins > 256) throw new RangeError(`maxBins must be in 2..256, got ${maxBins}`);
  const values = new Float64Array(column.length);
  let n = 0;
  for (let i = 0; i < column.length; i++) if (column[i] === column[i]) values[n++] = column[i];
  const sorted = values.subarray(0, n).sort();
  let nDistinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) nDistinct++;
  const edges: number[] = [];
  // Midway between neighbours; adjacent doubles can round the midpoint onto the larger one.
  const edgeAfter = (i: number): number => {
    const mid = (sorted[i] + sorted[i + 1]) / 2;
    return mid < sorted[i + 1] ? mid : sorted[i];
  };
  const perBin = nDistinct <= maxBins ? 0 : n / maxBins;
  for (let i = 0; i + 1 < n && edges.length < maxBins - 1; i++) {
    // Walking sorted values, i + 1 is the count so far; cut at value changes that pass the next quantile.
    if (sorted[i + 1] !== sorted[i] && i + 1 >= perBin * (edges.length + 1)) edges.push(edgeAfter(i));
  }
  return Float64Array.from(edges);
}

/** Bin code of one raw value. */
export function binValue(value: number, thresholds: Float64Array): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= thresholds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Codes of a raw column under the given edges, written into `out` when supplied. */
export function binColumn(
  column: Float64Array,
  thresholds: Float64Array,
  out: Uint8Array = new Uint8Array(column.length),
): Uint8Array {
  const nEdges = thresholds.length;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    let lo = 0;
    let hi = nEdges;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (value <= thresholds[mid]) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}

/** Bins raw features with edges learnt elsewhere (e.g. a saved model). */
export function applyBins(x: FeatureMatrix, thresholds: Float64Array[]): BinnedMatrix {
  const buffer = new SharedArrayBuffer(Math.max(1, x.nRows * x.columns.length));
  const codes = x.columns.map((column, j) =>
    binColumn(column, thresholds[j], new Uint8Array(buffer, j * x.nRows, x.nRows)),
  );
  return {
    nRows: x.nRows,
    names: x.names.slice(),
    codes,
    thresholds: thresholds.map((t) => Float64Array.from(t)),
    nBins: Int32Array.from(thresholds, (t) => t.length + 1),
  };
}

/** Learns quantile edges for every feature and bins the matrix once. */
export function binMatrix(x: FeatureMatrix, options: BinningOptions = {}): BinnedMatrix {
  const maxBins = options.maxBins ?? 256;
  return applyBins(
    x,
    x.columns.map((column) => computeBinThresholds(column, maxBins)),
  );
}
