import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleaningChartRows, ingestChartRows } from '../../../report/sections/data-sections';
import { gridChartRows, importanceChartRows, probabilityChartRows, rocChartRows } from '../../../report/sections/churn-sections';
import { overlapChartRows, recsysChartRows } from '../../../report/sections/recsys-sections';
import { driftBand, headlineOf, headlineTable, trendChartRows } from '../../../report/sections/history-sections';
import { data, gbt, lr, result } from './hand-made-run';

test('data accounting splits loaded lines into as read and repaired, per day and kind', () => {
  const rows = ingestChartRows(data.ingest);
  // play: 100 loaded of which 3 repaired → 97 as read; down: 10 loaded, none repaired.
  assert.deepEqual(
    rows.map((r) => [r.kind, r.fate, r.lines]),
    [
      ['play', 'loaded as read', 97],
      ['play', 'repaired', 3],
      ['play', 'rejected', 2],
      ['down', 'loaded as read', 10],
      ['down', 'repaired', 0],
      ['down', 'rejected', 1],
    ],
  );
  // Every line read is in exactly one fate: 100 + 2 + 10 + 1.
  assert.equal(rows.reduce((s, r) => s + r.lines, 0), 113);
});

test('cleaning lists each step in order with what it did', () => {
  assert.deepEqual(
    cleaningChartRows(data.cleaning!).map((r) => [r.action, r.plays]),
    [
      ['dropped', 4],
      ['replaced', 3],
      ['dropped', 2],
      ['replaced', 5],
      ['dropped', 1],
    ],
  );
});

test('ROC rows: one series per model with its points in order, named with the test AUC', () => {
  const rows = rocChartRows([lr, gbt]);
  assert.equal(rows.length, 6);
  assert.deepEqual([...new Set(rows.map((r) => r.model))], ['logistic_regression (AUC 0.750)', 'gradient_boosting (AUC 0.900)']);
  assert.deepEqual(rows.filter((r) => r.model.startsWith('gradient')).map((r) => [r.fpr, r.tpr]), [[0, 0], [0.25, 0.8], [1, 1]]);
});

test('grid rows leave out a cell no fold could judge and label the rest mean ± spread', () => {
  assert.deepEqual(
    gridChartRows(data.grid!).map((c) => [c.nTrees, c.maxDepth, c.label]),
    [
      [10, 3, '0.700 ± 0.020'],
      [10, 6, '0.800 ± 0.010'],
    ],
  );
});

test("importance rows scale each measure to its largest and keep the direction of effect", () => {
  const rows = importanceChartRows(lr);
  // Own importance 2 and 1 → 1 and 0.5; permutation 0.04 and 0.01 → 1 and 0.25.
  assert.deepEqual(rows.map((r) => [r.feature, r.importance, r.direction]), [
    ['plays', 1, 'lowers churn'],
    ['days_since_last', 0.5, 'raises churn'],
    ['days_since_last', 1, 'raises churn'],
    ['plays', 0.25, 'lowers churn'],
  ]);
});

test('probability bins from 0.5 on are at risk', () => {
  const rows = probabilityChartRows(data.probabilities);
  assert.deepEqual(rows.map((r) => r.group), ['not at risk', 'not at risk', 'at risk', 'at risk']);
  // 2 + 1 users at risk, as the hand-made run's scoring step counted.
  assert.equal(rows.filter((r) => r.group === 'at risk').reduce((s, r) => s + r.users, 0), result.churn!.atRisk);
});

test('recommender rows drop a metric no user could be judged on; the overlap matrix is symmetric with a unit diagonal', () => {
  const rows = recsysChartRows(result.recommendations!);
  // 3 models × 5 metrics, less nmf's missing recall.
  assert.equal(rows.length, 14);
  assert.equal(rows.find((r) => r.model === 'blend' && r.metric === 'NDCG@10')?.value, 0.35);
  assert.ok(!rows.some((r) => r.model === 'nmf' && r.metric === 'recall@10'));
  const overlap = overlapChartRows(result.recommendations!);
  assert.deepEqual(overlap.map((o) => [o.a, o.b, o.top10]), [
    ['popularity', 'popularity', 1],
    ['nmf', 'nmf', 1],
    ['popularity', 'nmf', 0.2],
    ['nmf', 'popularity', 0.2],
  ]);
});

test('the headline of a run comes from its result, and the table shows it formatted with the raw value kept', () => {
  const h = headlineOf(result, '2017-04-28');
  assert.deepEqual(h, { runId: 'hand', asOf: '2017-04-28', bestModel: 'gradient_boosting', bestTestAuc: 0.9, blendNdcg: 0.35, scored: 12, atRisk: 3, churnRate: 0.2 });
  const table = headlineTable([{ role: 'this run', headline: h }, { role: 'previous run', headline: { ...h, runId: 'before', bestTestAuc: 0.85 } }]);
  assert.deepEqual(table.headers, ['', 'this run: hand', 'previous run: before']);
  const auc = table.rows.find((r) => r.cells[0] === 'best test AUC')!;
  assert.deepEqual(auc.cells, ['best test AUC', '0.900', '0.850']);
  assert.deepEqual(auc.values, [null, 0.9, 0.85]);
  assert.deepEqual(table.rows.find((r) => r.cells[0] === 'churn rate (labels)')!.cells, ['churn rate (labels)', '20.0 %', '20.0 %']);
});

test('trend rows keep run order and skip a run without a metric', () => {
  const h = headlineOf(result, '2017-04-28');
  const rows = trendChartRows([{ ...h, runId: 'a', blendNdcg: null }, h]);
  assert.deepEqual(rows.map((r) => [r.order, r.metric, r.value]), [
    [0, 'best test AUC', 0.9],
    [1, 'best test AUC', 0.9],
    [1, 'blend NDCG@10', 0.35],
  ]);
});

test('drift bands follow the PSI rule of thumb', () => {
  assert.deepEqual([0.05, 0.1, 0.24, 0.25].map(driftBand), ['stable (< 0.1)', 'moved (0.1–0.25)', 'moved (0.1–0.25)', 'shifted (≥ 0.25)']);
});
