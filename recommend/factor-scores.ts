/**
 * Per-user scores of a factor model: out[s] = Σ_t a[t]·factors[t][s], with the song
 * factors stored component-major (k × songs) so each pass over a component is one
 * contiguous stream. This is one row of W·H; the full product is never formed.
 */
export function factorScores(
  userFactors: Float64Array,
  userIndex: number,
  songFactorsT: Float64Array,
  k: number,
  songs: number,
  out: Float64Array = new Float64Array(songs),
  weights?: Float64Array,
): Float64Array {
  out.fill(0);
  for (let t = 0; t < k; t++) {
    const a = userFactors[userIndex * k + t] * (weights ? weights[t] : 1);
    if (a === 0) continue;
    const o = t * songs;
    for (let s = 0; s < songs; s++) out[s] += a * songFactorsT[o + s];
  }
  return out;
}

/** One predicted cell of a factor model. */
export function factorPrediction(
  userFactors: Float64Array,
  userIndex: number,
  songFactorsT: Float64Array,
  k: number,
  songs: number,
  songIndex: number,
  weights?: Float64Array,
): number {
  let sum = 0;
  for (let t = 0; t < k; t++) {
    sum += userFactors[userIndex * k + t] * (weights ? weights[t] : 1) * songFactorsT[t * songs + songIndex];
  }
  return sum;
}
