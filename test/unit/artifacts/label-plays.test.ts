import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelPlaysByUser } from '../../../artifacts/label-plays';

test('label plays by user: the same users in ascending id order, whatever the order of the pairs', () => {
  const pairs: [number, number][] = [[30, 7], [4, 1], [30, 2], [1000000000123, 5], [4, 1], [17, 9]];
  const expected = [[4, [1]], [17, [9]], [30, [2, 7]], [1000000000123, [5]]];
  for (const order of [pairs, [...pairs].reverse(), [pairs[2], pairs[5], pairs[0], pairs[3], pairs[1], pairs[4]]]) {
    const byUser = labelPlaysByUser({ uid: Float64Array.from(order, (p) => p[0]), songId: Float64Array.from(order, (p) => p[1]) });
    assert.deepEqual([...byUser].map(([uid, songs]) => [uid, [...songs].sort((a, b) => a - b)]), expected);
  }
});
