import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  catalogueCoverage,
  evaluateRankings,
  hitRateAtK,
  listOverlap,
  mae,
  ndcgAtK,
  overlapTable,
  precisionAtK,
  recallAtK,
  rmse,
  splitRatings,
} from '../../../recommend';
import { columns } from './fixtures';

const ranked = [1, 9, 2, 8, 7, 6, 5, 4, 3, 0];
const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('ranking metrics with relevant songs at ranks 1 and 3 of 10', () => {
  const relevant = new Set([1, 2]);
  close(ndcgAtK(ranked, relevant, 10), (1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)));
  close(precisionAtK(ranked, relevant, 10), 0.2);
  close(recallAtK(ranked, relevant, 10), 1);
  close(recallAtK(ranked, new Set([1, 2, 42]), 10), 2 / 3);
  assert.equal(hitRateAtK(ranked, relevant, 10), 1);
  assert.equal(hitRateAtK(ranked, new Set([42]), 10), 0);
  // Only the first k count: at k = 2 rank 3 is out, IDCG covers two relevant songs.
  close(ndcgAtK(ranked, relevant, 2), 1 / (1 + 1 / Math.log2(3)));
  assert.ok(Number.isNaN(ndcgAtK(ranked, new Set(), 10)));
});

test('summary averages over users with relevant songs, coverage over the catalogue', () => {
  const recs = new Map<number, number[]>([[1, [5, 6]], [2, [6, 7]], [3, [8]]]);
  const relevant = new Map<number, Set<number>>([[1, new Set([5])], [2, new Set([9])], [4, new Set([1])]]);
  const s = evaluateRankings(recs, relevant, 20, 2);
  assert.equal(s.users, 2);
  close(s.precision, (1 / 2 + 0) / 2);
  close(s.recall, (1 + 0) / 2);
  close(s.hitRate, 0.5);
  close(s.ndcg, 0.5);
  close(s.coverage, 3 / 20); // songs 5, 6, 7
  close(catalogueCoverage([[1, 2], [2, 3]], 10), 0.3);
});

test('rating errors', () => {
  close(rmse([1, 2, 3], [1, 4, 3]), Math.sqrt(4 / 3));
  close(mae([1, 2, 3], [1, 4, 2]), 1);
  assert.throws(() => rmse([1], [1, 2]), /equally long/);
});

test('per-user split holds out round(20%) of each user, seeded, input untouched', () => {
  const triples: [number, number, number][] = [];
  for (let u = 0; u < 4; u++) for (let s = 0; s < 5 + 5 * u; s++) triples.push([u, s, 3]);
  const input = columns(triples);
  const copy = Array.from(input.songId);
  const one = splitRatings(input, { seed: 1 });
  const two = splitRatings(input, { seed: 1 });
  assert.deepEqual(Array.from(one.testRows), Array.from(two.testRows));
  assert.notDeepEqual(Array.from(splitRatings(input, { seed: 2 }).testRows), Array.from(one.testRows));
  const perUser = [0, 0, 0, 0];
  for (const u of one.test.uid) perUser[u]++;
  assert.deepEqual(perUser, [1, 2, 3, 4]); // 20% of 5, 10, 15, 20
  assert.equal(one.trainRows.length + one.testRows.length, triples.length);
  assert.deepEqual(new Set([...one.trainRows, ...one.testRows]).size, triples.length);
  assert.deepEqual(Array.from(input.songId), copy);
});

test('overlap of lists: shared fraction and Jaccard, averaged per pair of models', () => {
  close(listOverlap([1, 2, 3], [2, 3, 4], 3, 'shared-fraction'), 2 / 3);
  close(listOverlap([1, 2, 3], [2, 3, 4], 3, 'jaccard'), 2 / 4);
  const lists = new Map([
    ['a', new Map([[1, [1, 2]], [2, [3, 4]]])],
    ['b', new Map([[1, [2, 1]], [2, [5, 6]]])],
    ['c', new Map([[1, [9, 8]]])],
  ]);
  const rows = overlapTable(lists, 2);
  assert.deepEqual(rows.map((r) => [r.a, r.b, r.value, r.users]), [
    ['a', 'b', 0.5, 2],
    ['a', 'c', 0, 1],
    ['b', 'c', 0, 1],
  ]);
});
