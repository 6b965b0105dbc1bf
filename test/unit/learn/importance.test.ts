import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectDirections, permutationImportance, topFeatures } from '../../../learn/importance';
import { rocAuc } from '../../../learn/metrics';
import type { FeatureMatrix } from '../../../learn/types';
import { logisticDataset } from './fixtures';

/** A model that scores with −f1 only, so f0 and the rest cannot matter. */
const onlySecond = { predictProba: (x: FeatureMatrix) => x.columns[1].map((v) => 1 / (1 + Math.exp(v))) };

test('permutation importance credits only the feature the model uses', () => {
  const { x, y } = logisticDataset(2000, 4, 2);
  const copy = x.columns.map((c) => c.slice());
  const result = permutationImportance(onlySecond, x, y, { repeats: 3, seed: 7 });
  assert.equal(result.baseline, rocAuc(y, onlySecond.predictProba(x)));
  assert.deepEqual([result.mean[0], result.mean[2], result.mean[3]], [0, 0, 0]);
  assert.ok(result.mean[1] > 0.1);
  assert.deepEqual(x.columns, copy);
  assert.deepEqual(permutationImportance(onlySecond, x, y, { repeats: 3, seed: 7 }), result);
});

test('top features rank by importance and carry the sign of the effect', () => {
  const ranked = topFeatures([0.1, 0.5, 0.2, 0.5], ['a', 'b', 'c', 'd'], 3, [1, -2, 0, 3]);
  assert.deepEqual(ranked, [
    { name: 'b', index: 1, importance: 0.5, direction: -1 },
    { name: 'd', index: 3, importance: 0.5, direction: 1 },
    { name: 'c', index: 2, importance: 0.2, direction: 0 },
  ]);
  assert.equal(topFeatures([1, 2], ['a', 'b']).length, 2);
});

test('effect directions follow the correlation with the prediction', () => {
  const x: FeatureMatrix = {
    nRows: 4,
    names: ['up', 'down', 'flat'],
    columns: [Float64Array.from([1, 2, 3, 4]), Float64Array.from([4, 3, 2, 1]), Float64Array.from([5, 5, 5, 5])],
  };
  const directions = effectDirections(x, [0.1, 0.2, 0.3, 0.4]);
  assert.ok(Math.abs(directions[0] - 1) < 1e-12);
  assert.ok(Math.abs(directions[1] + 1) < 1e-12);
  assert.equal(directions[2], 0);
});
