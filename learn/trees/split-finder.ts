/** Slots per bin of a full histogram ([g, h]) and of a counted one ([g, h, n]), as in histogram.ts; local so hot loops need no import lookup. */
const SLOTS = 2;
const COUNTED_SLOTS = 3;

/** Best split of one feature: rows with code <= bin go left. */
export interface SplitCandidate {
  gain: number;
  feature: number;
  bin: number;
  leftG: number;
  leftH: number;
}

/** Constraints shared by every split search in a tree. */
export interface SplitConstraints {
  minSamplesLeaf: number;
  /** Smallest hessian sum allowed in a child. */
  minChildWeight: number;
  /** L2 penalty on leaf values (0 for gini trees). */
  l2: number;
}

/**
 * What bounds a side's row count by its hessian sum: every row's hessian is at most
 * `maxHessian`, and a computed hessian sum is within `slack` of the exact one.
 */
export interface RowBound {
  maxHessian: number;
  slack: number;
}

/**
 * Scans bins low..high-1 of a one-feature histogram of [g, h, n] triples and updates
 * `best` in place when a split beats it. Gain is G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ):
 * with g = y·w and h = w (λ = 0) this is half the weighted gini decrease; with
 * logistic g and h it is twice the Newton loss reduction.
 */
export function scanFeature(
  hist: Float64Array,
  feature: number,
  low: number,
  high: number,
  totalG: number,
  totalH: number,
  totalN: number,
  constraints: SplitConstraints,
  best: SplitCandidate,
): void {
  const { minSamplesLeaf, minChildWeight, l2 } = constraints;
  const parentScore = (totalG * totalG) / (totalH + l2);
  let g = 0;
  let h = 0;
  let n = 0;
  for (let b = low; b < high; b++) {
    const at = b * COUNTED_SLOTS;
    g += hist[at];
    h += hist[at + 1];
    n += hist[at + 2];
    if (n < minSamplesLeaf || h < minChildWeight) continue;
    if (totalN - n < minSamplesLeaf) break;
    const hRight = totalH - h;
    if (hRight < minChildWeight) continue;
    const gRight = totalG - g;
    offerSplit(best, splitGain(g, h, gRight, hRight, l2, parentScore), feature, b, g, h);
  }
}

/**
 * {@link scanFeature} over one feature of a full histogram, without row counts. A side whose hessian sum exceeds
 * (minSamplesLeaf − 1) · maxHessian (plus the rounding slack) must hold at least
 * minSamplesLeaf rows, which settles the check for all but the smallest sides. Bins it
 * cannot settle are left out, and it returns the highest gain among them (−Infinity
 * if none). Once every feature is scanned, a feature whose unsettled gain is below
 * the best gain cannot hold the best split; the others need a counted scan.
 */
export function scanFeatureBounded(
  hist: Float64Array,
  offset: number,
  rowBound: RowBound,
  feature: number,
  low: number,
  high: number,
  totalG: number,
  totalH: number,
  constraints: SplitConstraints,
  best: SplitCandidate,
): number {
  const { minSamplesLeaf, minChildWeight, l2 } = constraints;
  const parentScore = (totalG * totalG) / (totalH + l2);
  const surelyEnough = (minSamplesLeaf - 1) * rowBound.maxHessian + rowBound.slack;
  let unsettledGain = -Infinity;
  let g = 0;
  let h = 0;
  for (let b = low; b < high; b++) {
    const at = (offset + b) * SLOTS;
    g += hist[at];
    h += hist[at + 1];
    if (h < minChildWeight) continue;
    const hRight = totalH - h;
    if (hRight < minChildWeight) continue;
    const gRight = totalG - g;
    const gain = splitGain(g, h, gRight, hRight, l2, parentScore);
    if (!(h > surelyEnough && hRight > surelyEnough)) {
      if (gain > unsettledGain) unsettledGain = gain;
    } else offerSplit(best, gain, feature, b, g, h);
  }
  return unsettledGain;
}

/**
 * Exact split search for a small node: sorts the node's codes instead of sweeping a
 * 256-bin histogram, which would cost more than the rows themselves. Picks the same
 * split the histogram sweep would (the left side ends at the last occupied bin).
 * `keys` is scratch of at least end − start entries; grad and hess are indexed by row.
 * Returns false when the feature is constant within the node.
 */
export function scanFeatureSorted(
  keys: Uint32Array,
  codes: Uint8Array,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  feature: number,
  totalG: number,
  totalH: number,
  constraints: SplitConstraints,
  best: SplitCandidate,
): boolean {
  const n = end - start;
  const sorted = keys.subarray(0, n);
  for (let i = 0; i < n; i++) sorted[i] = ((codes[rows[start + i]] << 16) | i) >>> 0;
  sorted.sort();
  if (sorted[0] >>> 16 === sorted[n - 1] >>> 16) return false;
  const { minSamplesLeaf, minChildWeight, l2 } = constraints;
  const parentScore = (totalG * totalG) / (totalH + l2);
  let gl = 0;
  let hl = 0;
  for (let k = 0; k < n - 1; k++) {
    const row = rows[start + (sorted[k] & 0xffff)];
    gl += grad[row];
    hl += hess[row];
    const code = sorted[k] >>> 16;
    if (sorted[k + 1] >>> 16 === code) continue;
    const nl = k + 1;
    if (nl < minSamplesLeaf || hl < minChildWeight) continue;
    if (n - nl < minSamplesLeaf) break;
    const hr = totalH - hl;
    if (hr < minChildWeight) continue;
    const gr = totalG - gl;
    offerSplit(best, splitGain(gl, hl, gr, hr, l2, parentScore), feature, code, gl, hl);
  }
  return true;
}

/** Newton gain of splitting a node into (gl, hl) and (gr, hr), over the parent's score. */
function splitGain(gl: number, hl: number, gr: number, hr: number, l2: number, parentScore: number): number {
  return (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
}

/** Keeps the split in `best` when it gains more than the best so far. */
function offerSplit(best: SplitCandidate, gain: number, feature: number, bin: number, leftG: number, leftH: number): void {
  if (!(gain > best.gain)) return;
  best.gain = gain;
  best.feature = feature;
  best.bin = bin;
  best.leftG = leftG;
  best.leftH = leftH;
}
