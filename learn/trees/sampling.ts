import { randomInt, type Rng } from '../random';

/** A row sample and the rows it left out, both ascending. */
export interface RowSample {
  inBag: Int32Array;
  outOfBag: Int32Array;
}

/** Bernoulli row sampling keeps rows ascending, which keeps histogram reads cache-friendly. */
export function sampleRows(n: number, share: number, rng: Rng): RowSample {
  if (share >= 1) return { inBag: Int32Array.from({ length: n }, (_, i) => i), outOfBag: new Int32Array(0) };
  const rows = new Int32Array(n);
  let kept = 0;
  let dropped = n;
  // Kept rows fill the front and dropped rows the back, so one buffer holds both.
  for (let i = 0; i < n; i++) {
    if (rng() < share) rows[kept++] = i;
    else rows[--dropped] = i;
  }
  return { inBag: rows.subarray(0, kept), outOfBag: rows.subarray(kept).reverse() };
}

/** k distinct features, ascending. */
export function sampleFeatures(nFeatures: number, k: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: nFeatures }, (_, j) => j);
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(rng, nFeatures - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, k).sort();
}
