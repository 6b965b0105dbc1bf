import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PopularityModel } from '../../../recommend';
import { columns } from './fixtures';

const input = columns([
  [1, 30, 5],
  [2, 30, 4],
  [1, 30, 1], // same user twice: still one distinct user
  [1, 20, 2],
  [3, 20, 3],
  [4, 50, 5],
  [5, 10, 1],
  [6, 40, 2],
]);

test('ranks by distinct users, ties by song id ascending', () => {
  const model = PopularityModel.fit(input);
  // 30: users 1,2 → 2; 20: users 1,3 → 2; 10, 40, 50: 1 each.
  assert.deepEqual(Array.from(model.songIds), [20, 30, 10, 40, 50]);
  assert.deepEqual(Array.from(model.counts), [2, 2, 1, 1, 1]);
});

test('top skips excluded songs and stops at n', () => {
  const top = PopularityModel.fit(input).top(3, new Set([30, 10]));
  assert.deepEqual(Array.from(top.songIds), [20, 40, 50]);
  assert.deepEqual(Array.from(top.scores), [2, 1, 1]);
});

test('round-trips through JSON', () => {
  const model = PopularityModel.fit(input);
  const copy = PopularityModel.load(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(Array.from(copy.songIds), Array.from(model.songIds));
  assert.deepEqual(Array.from(copy.counts), Array.from(model.counts));
});
