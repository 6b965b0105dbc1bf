/** Options of {@link populationStabilityIndex}. */
export interface PsiOptions {
  /** Bins cut at the expected sample's quantiles (default 10: deciles). */
  bins?: number;
  /**
   * Smallest share a bin may have (default 1e-4): an empty bin would make the log infinite, and a
   * bin a handful of users fill is not a shift worth reporting as one.
   */
  floor?: number;
}

/**
 * Population stability index of `actual` against `expected`: Σ (a − e) · ln(a / e) over bins cut
 * at the expected sample's quantiles, a and e being the shares of each sample in a bin. Rules of
 * thumb: below 0.1 the population is stable, 0.1–0.25 it moved, above 0.25 scores rest on a
 * different population. Bins are right-closed, (c_{i−1}, c_i], and equal cut points (a feature
 * that is mostly 0) merge into one, so a spike never splits across bins.
 */
export function populationStabilityIndex(expected: ArrayLike<number>, actual: ArrayLike<number>, options: PsiOptions = {}): number {
  const bins = options.bins ?? 10;
  const floor = options.floor ?? 1e-4;
  if (expected.length === 0 || actual.length === 0) return Number.NaN;
  const cuts = quantileCuts(expected, bins);
  const e = shares(expected, cuts, floor);
  const a = shares(actual, cuts, floor);
  let psi = 0;
  for (let i = 0; i < e.length; i++) psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
  return psi;
}

/** Distinct cut points at the (i/bins)-quantiles, i = 1..bins−1, the quantile being the value at rank ⌊q·(n−1)⌋ of the sorted sample. */
export function quantileCuts(sample: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(sample).sort();
  const cuts: number[] = [];
  for (let i = 1; i < bins; i++) {
    const v = sorted[Math.floor((i / bins) * (sorted.length - 1))];
    if (cuts.length === 0 || v > cuts[cuts.length - 1]) cuts.push(v);
  }
  // A cut at the maximum would leave its last bin empty by construction.
  while (cuts.length > 0 && cuts[cuts.length - 1] >= sorted[sorted.length - 1]) cuts.pop();
  return cuts;
}

function shares(sample: ArrayLike<number>, cuts: number[], floor: number): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (let i = 0; i < sample.length; i++) counts[binOf(sample[i], cuts)]++;
  return counts.map((c) => Math.max(c / sample.length, floor));
}

/** Index of the right-closed bin holding x: the number of cuts strictly below x. */
function binOf(x: number, cuts: number[]): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
