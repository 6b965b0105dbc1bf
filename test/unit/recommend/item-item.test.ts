import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ItemItemModel, buildRatingsMatrix, recommendForUser } from '../../../recommend';
import { createUniform } from '../../../recommend/random';
import { columns } from './fixtures';

// Song columns (users 1–4): A = [5,4,0,2], B = [3,0,1,2], C = [0,2,5,2]; D only by user 5.
const input = columns([
  [1, 1, 5], [1, 2, 3],
  [2, 1, 4], [2, 3, 2],
  [3, 2, 1], [3, 3, 5],
  [4, 1, 2], [4, 2, 2], [4, 3, 2],
  [5, 4, 4],
]);
const simAB = 19 / Math.sqrt(45 * 14);
const simAC = 12 / Math.sqrt(45 * 33);
const simBC = 9 / Math.sqrt(14 * 33);
const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('cosine similarities of co-rated songs match the hand computation', () => {
  const model = ItemItemModel.fit(buildRatingsMatrix(input, { minRatedSongs: 1 }), { neighbours: 2 });
  close(model.similarityOf(0, 1), simAB);
  close(model.similarityOf(0, 2), simAC);
  close(model.similarityOf(1, 2), simBC);
  close(model.similarityOf(2, 1), simBC);
  assert.equal(model.similarityOf(3, 0), 0); // D shares no user with anyone
  assert.equal(model.indptr[4] - model.indptr[3], 0);
});

test('keeps only the top neighbours per song', () => {
  const model = ItemItemModel.fit(buildRatingsMatrix(input, { minRatedSongs: 1 }), { neighbours: 1 });
  // A: B (0.757) beats C (0.311); B: A beats C (0.419); C: B beats A.
  assert.deepEqual(Array.from(model.neighbourIndex), [1, 0, 1]);
  assert.deepEqual(Array.from(model.indptr), [0, 1, 2, 3, 3]);
});

test('user score is the similarity-weighted mean of the user\'s ratings', () => {
  const matrix = buildRatingsMatrix(input, { minRatedSongs: 1 });
  const model = ItemItemModel.fit(matrix, { neighbours: 2 });
  const scores = model.scoreUser(0); // user 1 rated A = 5, B = 3
  close(scores[2], (simAC * 5 + simBC * 3) / (simAC + simBC));
  close(scores[0], 3); // A reached only through B's list: (simAB·3)/simAB
  assert.ok(Number.isNaN(scores[3]));
  const top = recommendForUser(model, matrix, 0, 5);
  assert.deepEqual(Array.from(top.songIds), [3]); // A, B rated; D unreachable
  const shrunk = ItemItemModel.fit(matrix, { neighbours: 2, shrinkage: 1 }).scoreUser(0);
  close(shrunk[2], (simAC * 5 + simBC * 3) / (1 + simAC + simBC));
});

test('agrees with dense cosine on a random matrix', () => {
  const uniform = createUniform(11);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < 30; u++) for (let s = 0; s < 12; s++) if (uniform() < 0.35) triples.push([u, s, 1 + Math.floor(uniform() * 5)]);
  const matrix = buildRatingsMatrix(columns(triples), { minRatedSongs: 1 });
  const model = ItemItemModel.fit(matrix, { neighbours: 100 });
  const dense = matrix.songIds.length;
  const col = (s: number): number[] =>
    Array.from(matrix.userIds, (u) => triples.find((t) => t[0] === u && t[1] === matrix.songIds[s])?.[2] ?? 0);
  for (let a = 0; a < dense; a++) {
    for (let b = 0; b < dense; b++) {
      if (a === b) continue;
      const x = col(a);
      const y = col(b);
      const dot = x.reduce((acc, v, i) => acc + v * y[i], 0);
      const norm = Math.hypot(...x) * Math.hypot(...y);
      close(model.similarityOf(a, b), norm === 0 ? 0 : dot / norm);
    }
  }
});

test('round-trips through JSON', () => {
  const matrix = buildRatingsMatrix(input, { minRatedSongs: 1 });
  const model = ItemItemModel.fit(matrix, { neighbours: 2 });
  const copy = ItemItemModel.load(JSON.parse(JSON.stringify(model.toJSON())), matrix);
  assert.deepEqual(Array.from(copy.scoreUser(3)), Array.from(model.scoreUser(3)));
});
