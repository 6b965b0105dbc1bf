import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUniform } from '../../../recommend/random';
import { selectTopN } from '../../../recommend';

test('keeps the best n, ties by lower index, skipping excluded and NaN', () => {
  const scores = Float64Array.from([0.5, 2, NaN, 2, 7, 1, 2]);
  const top = selectTopN(scores, 3, [4]);
  assert.deepEqual(Array.from(top.indices), [1, 3, 6]);
  assert.deepEqual(Array.from(top.scores), [2, 2, 2]);
  assert.equal(selectTopN(scores, 0).indices.length, 0);
  assert.deepEqual(Array.from(selectTopN(scores, 10, [0, 1, 3]).indices), [4, 6, 5]);
});

test('agrees with a full sort on random scores', () => {
  const uniform = createUniform(3);
  const scores = Float64Array.from({ length: 500 }, () => Math.round(uniform() * 50));
  const exclude = [3, 17, 40, 41, 400];
  const expected = Array.from(scores.keys())
    .filter((i) => !exclude.includes(i))
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, 25);
  assert.deepEqual(Array.from(selectTopN(scores, 25, exclude).indices), expected);
});
