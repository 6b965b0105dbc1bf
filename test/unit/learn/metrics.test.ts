import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accuracy,
  classificationReport,
  f1Score,
  logLoss,
  precision,
  recall,
  rocAuc,
  rocCurve,
} from '../../../learn/metrics';
import { mulberry32 } from '../../../learn/random';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test('AUC with a tie equals the hand-computed 0.875', () => {
  close(rocAuc(Uint8Array.from([0, 0, 1, 1]), [0.1, 0.4, 0.4, 0.8]), 0.875);
});

test('AUC agrees with counting concordant pairs (ties count half)', () => {
  const rng = mulberry32(3);
  const n = 300;
  const labels = Uint8Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
  const scores = Array.from({ length: n }, (_, i) => Math.round((rng() + labels[i] * 0.3) * 10) / 10);
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  close(rocAuc(labels, scores), wins / pairs);
});

test('AUC is NaN with one class, 1 for perfect and 0 for reversed ranking', () => {
  assert.ok(Number.isNaN(rocAuc(Uint8Array.from([1, 1]), [0.2, 0.3])));
  close(rocAuc(Uint8Array.from([0, 1, 0, 1]), [0.1, 0.9, 0.2, 0.8]), 1);
  close(rocAuc(Uint8Array.from([0, 1, 0, 1]), [0.9, 0.1, 0.8, 0.2]), 0);
});

test('ROC curve has one point per distinct score, by hand', () => {
  const curve = rocCurve(Uint8Array.from([0, 0, 1, 1]), [0.1, 0.4, 0.4, 0.8]);
  assert.deepEqual(Array.from(curve.thresholds), [Infinity, 0.8, 0.4, 0.1]);
  assert.deepEqual(Array.from(curve.fpr), [0, 0, 0.5, 1]);
  assert.deepEqual(Array.from(curve.tpr), [0, 0.5, 1, 1]);
});

test('trapezoid area under the ROC points equals the rank AUC', () => {
  const rng = mulberry32(9);
  const labels = Uint8Array.from({ length: 200 }, () => (rng() < 0.4 ? 1 : 0));
  const scores = Array.from(labels, (l) => Math.floor((rng() + 0.4 * l) * 8) / 8);
  const { fpr, tpr } = rocCurve(labels, scores);
  let area = 0;
  for (let k = 1; k < fpr.length; k++) area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
  close(area, rocAuc(labels, scores), 1e-12);
});

test('threshold metrics and log loss on a hand-worked example', () => {
  const labels = Uint8Array.from([1, 1, 0, 0, 1]);
  const probs = [0.9, 0.4, 0.6, 0.2, 0.5];
  // At 0.5: predicted 1,0,1,0,1 -> tp 2, fn 1, fp 1, tn 1.
  close(accuracy(labels, probs), 3 / 5);
  close(precision(labels, probs), 2 / 3);
  close(recall(labels, probs), 2 / 3);
  close(f1Score(labels, probs), 2 / 3);
  close(accuracy(labels, probs, 0.95), 2 / 5);
  assert.equal(precision(labels, probs, 0.95), 0);
  const expectedLoss = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8) + Math.log(0.5)) / 5;
  close(logLoss(labels, probs), expectedLoss);
  const report = classificationReport(labels, probs);
  assert.deepEqual(report.confusion, { tp: 2, fp: 1, tn: 1, fn: 1 });
  assert.equal(report.positives, 3);
  // Positives 0.9, 0.4, 0.5 vs negatives 0.6, 0.2: wins 2 + 1 + 1 of 6 pairs.
  close(report.auc, 4 / 6);
  close(report.logLoss, expectedLoss);
});

test('log loss stays finite for confident mistakes', () => {
  assert.ok(Number.isFinite(logLoss(Uint8Array.from([1, 0]), [0, 1])));
});
