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
// Hot loops use module-local copies of these: compiled to CommonJS, exported constants become property loads on `exports`.
const STRIDE = 2;

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

