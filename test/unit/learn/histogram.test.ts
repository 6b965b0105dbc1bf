import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../learn/random';
import { accumulateInBlocks, MAX_ROW_BLOCKS, rowBlocks } from '../../../learn/trees/histogram-blocks';
import { histogramLayout, SLOTS } from '../../../learn/trees/histogram-layout';
import { accumulateRows, toRowMajor } from '../../../learn/trees/row-major-histogram';

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

test('row blocks cover a build in order, at most MAX_ROW_BLOCKS of them, by row count alone', () => {
  assert.deepEqual(Array.from(rowBlocks(10, 110)), [10, 110]);
  const bounds = rowBlocks(5, 5 + 30_000);
  assert.equal(bounds.length - 1, MAX_ROW_BLOCKS);
  assert.equal(bounds[0], 5);
  assert.equal(bounds[MAX_ROW_BLOCKS], 30_005);
  for (let b = 0; b < MAX_ROW_BLOCKS; b++) assert.ok(bounds[b + 1] - bounds[b] >= 4096);
  assert.deepEqual(Array.from(rowBlocks(0, 9000)), [0, 4500, 9000]);
});

test('a histogram summed in row blocks holds the per-bin sums', () => {
  const rng = mulberry32(11);
  const nRows = 20_000;
  const nBins = Int32Array.from([7, 256, 3]);
  const codes = Array.from(nBins, (bins) => Uint8Array.from({ length: nRows }, () => Math.floor(rng() * bins)));
  const layout = histogramLayout(nBins);
  const features = Int32Array.from([0, 1, 2]);
  const rows = Int32Array.from({ length: nRows }, (_, i) => i).filter(() => rng() < 0.9);
  const start = 3;
  // Multiples of 1/8 add up exactly in any order, so blocks must reproduce a plain sum.
  const g = Float64Array.from({ length: rows.length }, () => Math.floor(rng() * 17 - 8) / 8);
  const h = Float64Array.from({ length: rows.length }, () => Math.floor(rng() * 8) / 8);
  const expected = new Float64Array(layout.totalBins * SLOTS);
  for (let i = start; i < rows.length; i++) {
    for (const f of features) {
      const at = (layout.offsets[f] + codes[f][rows[i]]) * SLOTS;
      expected[at] += g[i - start];
      expected[at + 1] += h[i - start];
    }
  }
  const hist = new Float64Array(layout.totalBins * SLOTS);
  const blockSums = Array.from({ length: MAX_ROW_BLOCKS }, () => new Float64Array(layout.totalBins * SLOTS).fill(7));
  const build = { layout, features, rowCodes: toRowMajor(codes, nRows), stride: codes.length, rows, start, g, h };
  accumulateInBlocks(hist, blockSums, build, rows.length);
  assert.ok(rowBlocks(start, rows.length).length - 1 > 2);
  assert.deepEqual(hist, expected);
});
