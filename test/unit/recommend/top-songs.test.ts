import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FactorTopN, ItemItemModel, NmfModel, TruncatedSvdModel, buildRatingsMatrix, ratedSongs, selectTopN, type UserScorer } from '../../../recommend';
import { createUniform } from '../../../recommend/random';
import { columns } from './fixtures';

/** A popularity-skewed random matrix: song s is rated with probability ∝ 1/(s+1). */
function skewedMatrix(users: number, songs: number, seed: number) {
  const uniform = createUniform(seed);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < users; u++) {
    for (let s = 0; s < songs; s++) if (uniform() < Math.min(0.9, 3 / (s + 1))) triples.push([u, s, 1 + Math.floor(uniform() * 5)]);
  }
  return buildRatingsMatrix(columns(triples), { minRatedSongs: 2 });
}

/** Asserts the model's own search lists exactly what full scoring + selection lists. */
function assertSameAsFullScoring(model: UserScorer & Required<Pick<UserScorer, 'topSongs'>>, matrix: ReturnType<typeof skewedMatrix>, n: number): void {
  for (let u = 0; u < matrix.userIds.length; u++) {
    const rated = ratedSongs(matrix, u);
    const expected = selectTopN(model.scoreUser(u), n, rated);
    const got = model.topSongs(u, n, rated);
    assert.deepEqual(Array.from(got.indices), Array.from(expected.indices), `${model.name}, user ${u}`);
    assert.deepEqual(Array.from(got.scores), Array.from(expected.scores), `${model.name}, user ${u}`);
  }
}

const matrix = skewedMatrix(120, 400, 3);

test('NMF and SVD top-n by bounded search equal full scoring and selection', () => {
  for (const n of [1, 10, 50]) {
    assertSameAsFullScoring(NmfModel.fit(matrix, { components: 6, seed: 1 }), matrix, n);
    assertSameAsFullScoring(TruncatedSvdModel.fit(matrix, { components: 6, seed: 1 }), matrix, n);
  }
});

test('item-item top-n over reached songs equals full scoring and selection', () => {
  for (const shrinkage of [0, 5]) assertSameAsFullScoring(ItemItemModel.fit(matrix, { neighbours: 10, shrinkage }), matrix, 20);
});

test('the bounded search keeps tie order and skips songs it can prove out of reach', () => {
  // Song vectors (k = 2, component-major): songs 1 and 3 tie for a user (1, 0); song 4 is
  // short enough (norm 0.1) to be cut off once two songs at 2 are kept.
  const h = Float64Array.from([1, 2, 0.5, 2, 0.1, /* second component */ 0, 0, 3, 0, 0]);
  const ranker = new FactorTopN(h, 2, 5);
  const top = ranker.top(Float64Array.from([1, 0]), 0, 2);
  assert.deepEqual(Array.from(top.indices), [1, 3]);
  assert.deepEqual(Array.from(top.scores), [2, 2]);
  // Walk order by norm: 2 (≈3.04), 1, 3 (2), 0 (1), 4 (0.1). After 2, 1, 3 the kept worst
  // score is 2, and song 0's bound 1·1 < 2 stops the walk: 3 songs scored, not 5.
  assert.equal(top.scored, 3);
  // Excluded songs are never listed, and the next user starts clean.
  assert.deepEqual(Array.from(ranker.top(Float64Array.from([1, 0]), 0, 2, [1]).indices), [3, 0]);
  assert.deepEqual(Array.from(ranker.top(Float64Array.from([1, 0]), 0, 2).indices), [1, 3]);
});
