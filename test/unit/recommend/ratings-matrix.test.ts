import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRatingsMatrix, ratedSongs } from '../../../recommend';
import { columns } from './fixtures';

const input = columns([
  [30, 500, 4],
  [10, 200, 5],
  [10, 100, 3],
  [30, 100, 2],
  [20, 300, 1],
  [10, 300, 4],
  [30, 200, 5],
  [10, 200, 1], // repeated pair: the later rating wins
]);

test('maps ids to ascending dense indices and keeps users with enough songs', () => {
  const m = buildRatingsMatrix(input, { minRatedSongs: 3 });
  assert.deepEqual(Array.from(m.userIds), [10, 30]);
  assert.deepEqual(Array.from(m.songIds), [100, 200, 300, 500]); // 300 stays: user 10 rated it
  assert.equal(m.userIndex.get(30), 1);
  assert.equal(m.songIndex.get(500), 3);
  // user 10: 100→3, 200→1 (last), 300→4; user 30: 100→2, 200→5, 500→4
  assert.deepEqual(Array.from(m.byUser.indptr), [0, 3, 6]);
  assert.deepEqual(Array.from(m.byUser.indices), [0, 1, 2, 0, 1, 3]);
  assert.deepEqual(Array.from(m.byUser.values), [3, 1, 4, 2, 5, 4]);
  assert.deepEqual(Array.from(ratedSongs(m, 1)), [0, 1, 3]);
});

test('CSC holds the same cells by song', () => {
  const m = buildRatingsMatrix(input, { minRatedSongs: 3 });
  assert.equal(m.bySong.rows, 4);
  assert.deepEqual(Array.from(m.bySong.indptr), [0, 2, 4, 5, 6]);
  assert.deepEqual(Array.from(m.bySong.indices), [0, 1, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(m.bySong.values), [3, 2, 1, 5, 4, 4]);
});

test('users below minRatedSongs are cold-start with their songs kept', () => {
  const m = buildRatingsMatrix(input, { minRatedSongs: 3 });
  assert.deepEqual(Array.from(m.coldStart.userIds), [20]);
  assert.deepEqual(Array.from(m.coldStart.songIds), [300]);
  const strict = buildRatingsMatrix(input); // default 5: nobody qualifies
  assert.equal(strict.byUser.rows, 0);
  assert.deepEqual(Array.from(strict.coldStart.userIds), [10, 20, 30]);
  assert.deepEqual(Array.from(strict.coldStart.indptr), [0, 3, 4, 7]);
});

test('does not modify its input and rejects ragged or non-finite columns', () => {
  const before = Array.from(input.uid);
  buildRatingsMatrix(input, { minRatedSongs: 1 });
  assert.deepEqual(Array.from(input.uid), before);
  assert.throws(() => buildRatingsMatrix({ ...input, rating: new Float64Array(2) }), /differ in length/);
  assert.throws(
    () => buildRatingsMatrix(columns([[1, Number.NaN, 3]]), { minRatedSongs: 1 }),
    /row 0 has a non-finite/,
  );
});
