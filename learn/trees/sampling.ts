import { randomInt, type Rng } from '../random';

/** Bernoulli row sampling keeps rows ascending, which keeps histogram reads cache-friendly. */
export function sampleRows(n: number, share: number, rng: Rng): Int32Array {
  const rows = new Int32Array(n);
  if (share >= 1) {
    for (let i = 0; i < n; i++) rows[i] = i;
    return rows;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (rng() < share) rows[kept++] = i;
  return rows.slice(0, kept);
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
