import assert from 'node:assert/strict';
import { test } from 'node:test';
import { populationStabilityIndex, quantileCuts } from '../../../report/psi';

test('PSI of a shifted sample equals the hand computation over the expected sample\'s halves', () => {
  // Expected 1..10, two bins: the median cut is the value at rank ⌊0.5·9⌋ = 4, i.e. 5; shares 0.5 | 0.5.
  // Actual [1, 6, 7, 8]: shares 0.25 | 0.75.
  // PSI = (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5) = 0.25·ln 2 + 0.25·ln 1.5 = 0.2746531…
  const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.deepEqual(quantileCuts(expected, 2), [5]);
  const psi = populationStabilityIndex(expected, [1, 6, 7, 8], { bins: 2 });
  assert.ok(Math.abs(psi - 0.25 * (Math.log(2) + Math.log(1.5))) < 1e-12, String(psi));
  assert.ok(Math.abs(psi - 0.2746531) < 1e-6);
});

test('the same distribution has PSI 0, and an empty bin is floored instead of making it infinite', () => {
  assert.equal(populationStabilityIndex([1, 2, 3, 4], [4, 3, 2, 1], { bins: 2 }), 0);
  // Actual all above the cut: shares 0 → floored to 0.01, and 1.
  // PSI = (0.01 − 0.5)·ln(0.01/0.5) + (1 − 0.5)·ln(1/0.5) = 0.49·ln 50 + 0.5·ln 2
  const psi = populationStabilityIndex([1, 2, 3, 4], [9, 9], { bins: 2, floor: 0.01 });
  assert.ok(Math.abs(psi - (0.49 * Math.log(50) + 0.5 * Math.log(2))) < 1e-12, String(psi));
});

test('a feature that is mostly zero keeps its spike in one bin', () => {
  // Deciles of eight zeros, a 1 and a 2: cuts 0,0,…,0,1 → distinct [0, 1], then 1 is kept (below the maximum 2).
  const expected = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2];
  assert.deepEqual(quantileCuts(expected, 10), [0, 1]);
  // Bins (−∞, 0], (0, 1], (1, ∞): expected shares 0.8, 0.1, 0.1; actual [0, 0, 2, 2] → 0.5, 0 (floored to 1e-4), 0.5.
  const e = [0.8, 0.1, 0.1];
  const a = [0.5, 1e-4, 0.5];
  const hand = e.reduce((s, ei, i) => s + (a[i] - ei) * Math.log(a[i] / ei), 0);
  assert.ok(Math.abs(populationStabilityIndex(expected, [0, 0, 2, 2]) - hand) < 1e-12);
  // A constant feature has one bin: nothing can move.
  assert.equal(populationStabilityIndex([3, 3, 3], [3, 3]), 0);
});
