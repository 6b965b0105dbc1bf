import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../learn/random';
import { accumulateRows, histogramLayout, SLOTS, toRowMajor } from '../../../learn/trees/histogram';

test('row-major accumulation matches a per-row sum over any row count', () => {
  const rng = mulberry32(7);
  const nRows = 203;
  const nBins = Int32Array.from([5, 1, 256, 17]);
  const codes = Array.from(nBins, (bins) => Uint8Array.from({ length: nRows }, () => Math.floor(rng() * bins)));
  const rowCodes = toRowMajor(codes, nRows);
  const layout = histogramLayout(nBins);
  const features = Int32Array.from([0, 2, 3]);
  const rows = Int32Array.from({ length: nRows }, (_, i) => i).filter(() => rng() < 0.7);
  for (const [start, end] of [[0, rows.length], [3, 3 + 8 * 5], [10, 17], [5, 5]]) {
    const g = Float64Array.from({ length: end - start }, () => rng() - 0.5);
    const h = Float64Array.from({ length: end - start }, () => rng());
    const expected = new Float64Array(layout.totalBins * SLOTS);
    for (let i = start; i < end; i++) {
      for (const f of features) {
        const at = (layout.offsets[f] + codes[f][rows[i]]) * SLOTS;
        expected[at] += g[i - start];
        expected[at + 1] += h[i - start];
      }
    }
    const hist = new Float64Array(layout.totalBins * SLOTS);
    accumulateRows(hist, layout, features, rowCodes, codes.length, rows, start, end, g, h);
    assert.deepEqual(hist, expected);
  }
});
