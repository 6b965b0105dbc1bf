import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Blender,
  BlendWeightsError,
  PopularityModel,
  buildRatingsMatrix,
  minMaxNormalise,
  type UserScorer,
} from '../../../recommend';
import { columns } from './fixtures';

// Users 1, 2, 4 are warm (≥ 2 songs); user 3 is cold. Matrix songs 10..50 → indices 0..4.
const input = columns([
  [1, 10, 5], [1, 20, 4],
  [2, 10, 3], [2, 30, 2], [2, 40, 5],
  [3, 10, 4],
  [4, 20, 1], [4, 50, 3],
]);
const matrix = buildRatingsMatrix(input, { minRatedSongs: 2 });
const popularity = PopularityModel.fit(input); // 10: 3 users, 20: 2, 30/40/50: 1

/** A model whose scores for user index 0 (user 1) are fixed. */
const fixed = (name: string, scores: number[]): UserScorer => ({
  name,
  songCount: scores.length,
  scoreUser: (_u, out) => {
    const target = out ?? new Float64Array(scores.length);
    target.set(scores);
    return target;
  },
});
const models = {
  matrix,
  popularity,
  itemItem: fixed('item-item', [9, 9, 0.5, NaN, 2.5]),
  nmf: fixed('nmf', [0, 0, 3, 1, 2]),
  svd: fixed('svd', [0, 0, 1, 5, 4]),
};

test('min-max normalisation maps to [0, 1] and equal scores to 1', () => {
  assert.deepEqual(Array.from(minMaxNormalise(Float64Array.from([2, 4, 3]))), [0, 1, 0.5]);
  assert.deepEqual(Array.from(minMaxNormalise(Float64Array.from([7, 7]))), [1, 1]);
});

test('combines normalised components with the default weights', () => {
  const result = new Blender(models, { candidates: 3, n: 10 }).recommend(1);
  // popularity (rated 10, 20 excluded): 30, 40, 50 all count 1 → 1 each.
  // item-item: 50 (2.5) → 1, 30 (0.5) → 0; 40 is NaN (unreachable).
  // NMF: 30 → 1, 50 → 0.5, 40 → 0.  SVD: 40 → 1, 50 → 0.75, 30 → 0.
  // NMF∩SVD: 30 → 0.5, 50 → 0.625, 40 → 0.5.
  const expected = [
    { songId: 50, score: 0.2 * 1 + 0.2 * 1 + 0.6 * 0.625, models: ['popularity', 'item-item', 'nmf', 'svd'] },
    { songId: 30, score: 0.2 * 1 + 0.2 * 0 + 0.6 * 0.5, models: ['popularity', 'item-item', 'nmf', 'svd'] },
    { songId: 40, score: 0.2 * 1 + 0.6 * 0.5, models: ['popularity', 'nmf', 'svd'] },
  ];
  assert.equal(result.length, 3);
  result.forEach((r, i) => {
    assert.equal(r.songId, expected[i].songId);
    assert.ok(Math.abs(r.score - expected[i].score) < 1e-12);
    assert.deepEqual(r.models, expected[i].models);
  });
});

test('the matrix-factorisation component only counts songs in both top-N lists', () => {
  // With N = 2: NMF top {30, 50}, SVD top {40, 50}: only 50 is shared, scored (0 + 0)/2.
  const result = new Blender(models, { candidates: 2, weights: { popularity: 0, itemItem: 0, matrixFactorisation: 1 } }).recommend(1);
  assert.deepEqual(result, [{ songId: 50, score: 0, models: ['nmf', 'svd'] }]);
});

test('never recommends songs the user rated', () => {
  const result = new Blender(models, { candidates: 5, n: 10 }).recommend(1);
  assert.ok(result.every((r) => r.songId !== 10 && r.songId !== 20));
});

test('cold-start and unknown users get popularity only, minus their rated songs', () => {
  const blender = new Blender(models, { candidates: 3, n: 2 });
  // User 3 rated 10: candidates 20 (2), 30 (1), 40 (1) → 1, 0, 0.
  assert.deepEqual(blender.recommend(3), [
    { songId: 20, score: 1, models: ['popularity'] },
    { songId: 30, score: 0, models: ['popularity'] },
  ]);
  // Unknown user: 10 (3), 20 (2), 30 (1) → 1, 0.5, 0.
  assert.deepEqual(blender.recommend(99), [
    { songId: 10, score: 1, models: ['popularity'] },
    { songId: 20, score: 0.5, models: ['popularity'] },
  ]);
});

test('rejects weights that are negative or do not sum to 1, naming them', () => {
  assert.throws(
    () => new Blender(models, { weights: { popularity: 0.5, itemItem: 0.5, matrixFactorisation: 0.5 } }),
    (e: unknown) => e instanceof BlendWeightsError && /popularity=0.5, itemItem=0.5, matrixFactorisation=0.5 \(sum 1.5\)/.test(e.message),
  );
  assert.throws(() => new Blender(models, { weights: { popularity: -0.2, itemItem: 0.6, matrixFactorisation: 0.6 } }), BlendWeightsError);
  assert.doesNotThrow(() => new Blender(models, { weights: { popularity: 0.1, itemItem: 0.2, matrixFactorisation: 0.7 } }));
});
