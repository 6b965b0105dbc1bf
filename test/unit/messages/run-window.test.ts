import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datesFrom, describeDates } from '../../../messages/dates';
import { asOfFromTime, derivedRunId, snapshotForAsOf } from '../../../messages/run-window';
import { SCHEDULE_KINDS } from '../../../messages/schedule-kinds';

test('a tick or a start places the run as of the last full UTC day before it', () => {
  assert.equal(asOfFromTime(new Date('2017-05-21T03:00:00Z')), '2017-05-20');
  assert.equal(asOfFromTime(new Date('2017-05-21T00:00:00Z')), '2017-05-20');
  assert.equal(asOfFromTime(new Date('2017-05-21T23:59:59.999Z')), '2017-05-20');
  assert.equal(asOfFromTime(new Date('2017-03-01T03:00:00Z')), '2017-02-28');
  assert.equal(asOfFromTime(new Date('2016-03-01T03:00:00Z')), '2016-02-29');
});

test('the snapshot is the latest date whose label window ends by the as-of date', () => {
  // Label window 04-29..05-12 (14 days) ends on the as-of date.
  assert.equal(snapshotForAsOf('2017-05-12', 14), '2017-04-28');
  assert.equal(snapshotForAsOf('2017-03-02', 7), '2017-02-23');
});

test('a run without a run id is named after its schedule and as-of date', () => {
  assert.equal(derivedRunId('nightly', '2017-05-20'), 'nightly-2017-05-20');
  assert.equal(derivedRunId(undefined, '2017-05-20'), 'run-2017-05-20');
  // Schedules made with the raw CLI may use any id: it is folded into a valid run id.
  assert.equal(derivedRunId('Weekly Retrain!', '2017-05-20'), 'weekly-retrain-2017-05-20');
  assert.equal(derivedRunId('x'.repeat(80), '2017-05-20').length, 64);
});

test('missing dates are named as runs of days', () => {
  assert.deepEqual(datesFrom('2017-02-27', '2017-03-02'), ['2017-02-27', '2017-02-28', '2017-03-01', '2017-03-02']);
  assert.deepEqual(datesFrom('2017-03-02', '2017-03-01'), []);
  assert.equal(describeDates(['2017-05-13', '2017-05-14', '2017-05-15', '2017-05-20', '2017-05-22', '2017-05-23']), '2017-05-13..2017-05-15 (3 days), 2017-05-20, 2017-05-22..2017-05-23 (2 days)');
});

test('schedule kinds: retrain and score ticks get strict input without run id or as-of date', () => {
  const retrain = SCHEDULE_KINDS.retrain;
  assert.equal(retrain.workflowType, 'churnPipeline');
  assert.equal(retrain.input.safeParse({ churn: { grid: 'none' } }).success, true);
  for (const bad of [{ runId: 'x' }, { asOf: '2017-05-12' }, { logdir: '/x' }]) assert.equal(retrain.input.safeParse(bad).success, false, JSON.stringify(bad));
  const score = SCHEDULE_KINDS.score;
  assert.equal(score.workflowType, 'scoreCurrentUsers');
  assert.equal(score.input.safeParse({ logsDir: '/logs', features: { featureDays: 20 } }).success, true);
  for (const bad of [{ runId: 'x' }, { asOf: '2017-05-12' }, { features: { labelDays: 7 } }]) assert.equal(score.input.safeParse(bad).success, false, JSON.stringify(bad));
});
