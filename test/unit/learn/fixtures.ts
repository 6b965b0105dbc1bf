import { mulberry32 } from '../../../learn/random';
import type { FeatureMatrix, Labels } from '../../../learn/types';

/**
 * Rows with standard-normal features and labels drawn from a known logistic model
 * (two strong linear terms and one interaction), so a good model must reach an AUC
 * well above 0.5.
 */
export function logisticDataset(nRows: number, nFeatures: number, seed: number): { x: FeatureMatrix; y: Labels } {
  const rng = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const columns = Array.from({ length: nFeatures }, () => new Float64Array(nRows));
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nFeatures; j++) columns[j][i] = gauss();
    const z = 2 * columns[0][i] - 1.5 * columns[1][i] + columns[2][i] * columns[3][i] - 0.5;
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x: { nRows, names: columns.map((_, j) => `f${j}`), columns }, y };
}

/** The first `n` rows and the rest. */
export function headTail(x: FeatureMatrix, y: Labels, n: number) {
  const part = (from: number, to: number) => ({
    x: { nRows: to - from, names: x.names, columns: x.columns.map((c) => c.slice(from, to)) },
    y: y.slice(from, to),
  });
  return { train: part(0, n), test: part(n, x.nRows) };
}
