import type { FeatureMatrix } from '../types';

/** Per-feature centre and scale (population standard deviation, as scikit-learn's StandardScaler). */
export interface Standardisation {
  mean: Float64Array;
  /** 1 for constant columns, so they standardise to 0 instead of dividing by 0. */
  scale: Float64Array;
}

export function fitStandardisation(x: FeatureMatrix): Standardisation {
  const p = x.columns.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const column = x.columns[j];
    let sum = 0;
    for (let i = 0; i < x.nRows; i++) sum += column[i];
    const m = sum / x.nRows;
    let squares = 0;
    for (let i = 0; i < x.nRows; i++) squares += (column[i] - m) ** 2;
    const sd = Math.sqrt(squares / x.nRows);
    mean[j] = m;
    // Relative cut-off: a column equal up to rounding noise is treated as constant.
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1;
  }
  return { mean, scale };
}

/** Row-major standardised design with a leading 1 per row for the intercept. */
export function standardisedDesign(x: FeatureMatrix, s: Standardisation): Float64Array {
  const width = x.columns.length + 1;
  const out = new Float64Array(x.nRows * width);
  for (let i = 0; i < x.nRows; i++) out[i * width] = 1;
  for (let j = 0; j < x.columns.length; j++) {
    const column = x.columns[j];
    const m = s.mean[j];
    const sc = s.scale[j];
    for (let i = 0; i < x.nRows; i++) out[i * width + j + 1] = (column[i] - m) / sc;
  }
  return out;
}
