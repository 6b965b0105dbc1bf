import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogisticRegression } from '../../../learn/linear/logistic-regression';
import { rocAuc } from '../../../learn/metrics';
import type { FeatureMatrix } from '../../../learn/types';
import { headTail, logisticDataset } from './fixtures';

const x: FeatureMatrix = {
  nRows: 8,
  names: ['a', 'b', 'flat'],
  columns: [
    Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
    Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]),
    Float64Array.from([2, 2, 2, 2, 2, 2, 2, 2]),
  ],
};
const y = Uint8Array.from([0, 0, 1, 0, 1, 0, 1, 1]);

/** Standardised design computed here, independently of the library. */
function standardised(): number[][] {
  return x.columns.map((c) => {
    const values = Array.from(c);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    return values.map((v) => (sd === 0 ? 0 : (v - mean) / sd));
  });
}

/** Gradient of C·Σ logloss + ½‖w‖² at (b, w). */
function gradient(z: number[][], b: number, w: number[], C: number): number[] {
  const g = [0, ...w.map(() => 0)];
  for (let i = 0; i < y.length; i++) {
    const s = b + w.reduce((a, wj, j) => a + wj * z[j][i], 0);
    const r = 1 / (1 + Math.exp(-s)) - y[i];
    g[0] += C * r;
    w.forEach((_, j) => (g[j + 1] += C * r * z[j][i]));
  }
  return g.map((v, k) => (k === 0 ? v : v + w[k - 1]));
}

test('Newton solution has zero gradient and matches long gradient descent', () => {
  for (const C of [1, 0.1]) {
    const model = new LogisticRegression({ C }).train(x, y);
    const { intercept, weights } = model.standardisedCoefficients();
    const z = standardised();
    const g = gradient(z, intercept, Array.from(weights), C);
    assert.ok(Math.max(...g.map(Math.abs)) < 1e-8, `gradient ${g}`);
    assert.ok(model.fitInfo.converged);
    let b = 0;
    let w = [0, 0, 0];
    for (let step = 0; step < 20000; step++) {
      const grad = gradient(z, b, w, C);
      b -= 0.1 * grad[0];
      w = w.map((wj, j) => wj - 0.1 * grad[j + 1]);
    }
    assert.ok(Math.abs(b - intercept) < 1e-7);
    w.forEach((wj, j) => assert.ok(Math.abs(wj - weights[j]) < 1e-7, `w${j}: ${wj} vs ${weights[j]}`));
    assert.equal(weights[2], 0);
  }
});

test('raw-unit coefficients reproduce the decision function', () => {
  const model = new LogisticRegression().train(x, y);
  const { intercept, weights } = model.coefficients();
  const scores = model.decisionFunction(x);
  for (let i = 0; i < x.nRows; i++) {
    const expected = intercept + weights[0] * x.columns[0][i] + weights[1] * x.columns[1][i] + weights[2] * 2;
    assert.ok(Math.abs(scores[i] - expected) < 1e-12);
  }
  const loaded = LogisticRegression.load(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(loaded.predictProba(x), model.predictProba(x));
});

test('inputs are not mutated', () => {
  const before = x.columns.map((c) => Array.from(c));
  new LogisticRegression().train(x, y);
  assert.deepEqual(x.columns.map((c) => Array.from(c)), before);
});

test('learns a logistic ground truth (AUC > 0.75 vs 0.5 trivial)', () => {
  const { x: big, y: labels } = logisticDataset(4000, 6, 8);
  const { train, test: held } = headTail(big, labels, 3000);
  const model = new LogisticRegression().train(train.x, train.y);
  assert.ok(rocAuc(held.y, model.predictProba(held.x)) > 0.75);
  const { weights } = model.coefficients();
  assert.ok(weights[0] > 0 && weights[1] < 0);
});

test('a fit whose gradient cannot reach the tolerance stops where Newton steps no longer lower the objective, at the same optimum', () => {
  const { x: big, y: labels } = logisticDataset(5000, 6, 11);
  const reference = new LogisticRegression().train(big, labels);
  // No float64 gradient is below 0: only the objective ceasing to fall can end this fit.
  const floor = new LogisticRegression({ tolerance: 0 }).train(big, labels);
  assert.ok(floor.fitInfo.iterations < 30, `iterations ${floor.fitInfo.iterations}`);
  assert.ok(floor.fitInfo.converged);
  const a = reference.standardisedCoefficients();
  const b = floor.standardisedCoefficients();
  assert.ok(Math.abs(a.intercept - b.intercept) < 1e-9);
  a.weights.forEach((w, j) => assert.ok(Math.abs(w - b.weights[j]) < 1e-9, `w${j}: ${w} vs ${b.weights[j]}`));
});
