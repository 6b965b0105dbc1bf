import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { NmfModel, TruncatedSvdModel, buildRatingsMatrix } from '../../../recommend';
import { createUniform } from '../../../recommend/random';
import { columns, rankOne } from './fixtures';

const a = [1, 2, 0.5, 3, 1.5, 2.5];
const b = [1, 2, 1.2, 0.7, 1.6];
const matrix = buildRatingsMatrix(rankOne(a, b));

function maxCellError(predict: (u: number, s: number) => number): number {
  let worst = 0;
  for (let u = 0; u < a.length; u++) for (let s = 0; s < b.length; s++) worst = Math.max(worst, Math.abs(predict(u, s) - a[u] * b[s]));
  return worst;
}

test('NMF with k = 1 recovers a rank-1 non-negative matrix', () => {
  for (const init of ['nndsvd', 'nndsvda', 'random'] as const) {
    const model = NmfModel.fit(matrix, { components: 1, init, tolerance: 1e-12, maxIterations: 5000 });
    assert.ok(maxCellError((u, s) => model.predict(u, s)) < 1e-4, init);
    assert.ok(model.reconstructionError < 1e-4, `${init}: ${model.reconstructionError}`);
    assert.ok(model.w.every((x) => x >= 0) && model.h.every((x) => x >= 0));
  }
});

test('TruncatedSVD with k = 1 recovers a rank-1 matrix and its singular value', () => {
  const model = TruncatedSvdModel.fit(matrix, { components: 1 });
  assert.ok(maxCellError((u, s) => model.predict(u, s)) < 1e-9);
  const norm = (v: number[]): number => Math.hypot(...v);
  assert.ok(Math.abs(model.s[0] - norm(a) * norm(b)) < 1e-9);
  const scores = model.scoreUser(3);
  b.forEach((y, s) => assert.ok(Math.abs(scores[s] - a[3] * y) < 1e-9));
});

test('randomised SVD singular values match an exact dense SVD', () => {
  const uniform = createUniform(5);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < 40; u++) for (let s = 0; s < 25; s++) if (uniform() < 0.4) triples.push([u, s, 1 + Math.floor(uniform() * 5)]);
  const m = buildRatingsMatrix(columns(triples), { minRatedSongs: 1 });
  const dense = new Matrix(m.byUser.rows, m.byUser.cols);
  for (const [u, s, r] of triples) dense.set(m.userIndex.get(u) as number, m.songIndex.get(s) as number, r);
  const exact = new SingularValueDecomposition(dense).diagonal;
  // With k + oversamples ≥ rank the sketch spans the whole row space: exact up to rounding.
  const model = TruncatedSvdModel.fit(m, { components: 5, oversamples: 20 });
  model.s.forEach((s, i) => assert.ok(Math.abs(s - exact[i]) < 1e-8, `σ${i}: ${s} vs ${exact[i]}`));
});

test('fits are deterministic for a seed and NMF lowers the loss from its start', () => {
  const uniform = createUniform(9);
  const triples: [number, number, number][] = [];
  for (let u = 0; u < 50; u++) for (let s = 0; s < 30; s++) if (uniform() < 0.3) triples.push([u, s, 1 + Math.floor(uniform() * 5)]);
  const m = buildRatingsMatrix(columns(triples));
  const one = NmfModel.fit(m, { components: 4, init: 'random', seed: 3 });
  const two = NmfModel.fit(m, { components: 4, init: 'random', seed: 3 });
  const other = NmfModel.fit(m, { components: 4, init: 'random', seed: 4 });
  assert.deepEqual(Array.from(one.w), Array.from(two.w));
  assert.notDeepEqual(Array.from(one.w), Array.from(other.w));
  const start = NmfModel.fit(m, { components: 4, init: 'random', seed: 3, maxIterations: 1 });
  assert.ok(one.reconstructionError < start.reconstructionError);
  const svd1 = TruncatedSvdModel.fit(m, { components: 4, seed: 2 });
  const svd2 = TruncatedSvdModel.fit(m, { components: 4, seed: 2 });
  assert.deepEqual(Array.from(svd1.vt), Array.from(svd2.vt));
});

test('models round-trip through JSON', () => {
  const nmf = NmfModel.fit(matrix, { components: 1 });
  const svd = TruncatedSvdModel.fit(matrix, { components: 1 });
  const nmfCopy = NmfModel.load(JSON.parse(JSON.stringify(nmf.toJSON())));
  const svdCopy = TruncatedSvdModel.load(JSON.parse(JSON.stringify(svd.toJSON())));
  assert.deepEqual(Array.from(nmfCopy.scoreUser(2)), Array.from(nmf.scoreUser(2)));
  assert.deepEqual(Array.from(svdCopy.scoreUser(2)), Array.from(svd.scoreUser(2)));
});
