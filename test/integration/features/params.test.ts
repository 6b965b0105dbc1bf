import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkWindows, defaultSnapshot, InvalidRunParameters, parseFeatureParams, scoringWindows, trainingWindows,
} from '../../../clickhouse/features';

const range = { minDate: '2017-03-30', maxDate: '2017-05-12' };

test('defaults are the seed run, its snapshot derived from the ingested dates', () => {
  const parsed = parseFeatureParams({ runId: 'r1' });
  assert.deepEqual(parsed, {
    runId: 'r1', featureDays: 30, labelDays: 14, botPercentile: 0.999, cleanPercentile: 0.99,
    sampleRatio: 1, sampleSeed: 0, minRatedSongs: 5,
  });
  // The latest date whose 14-day label window the data completes: 05-12 - 14 = 04-28, the seed's date.
  assert.equal(defaultSnapshot(range, 14), '2017-04-28');
  assert.equal(defaultSnapshot({ minDate: '2017-03-30', maxDate: '2017-05-20' }, 14), '2017-05-06');
  assert.equal(defaultSnapshot(range, 7), '2017-05-05');
  const p = { ...parsed, snapshotDate: defaultSnapshot(range, parsed.labelDays) };
  // 04-28 - 29 = 03-30; 04-28 + 14 = 05-12: exactly the ingested range
  assert.deepEqual(trainingWindows(p), { stage: 'training', end: '2017-04-28', windowStart: '2017-03-30', rangeEnd: '2017-05-12' });
  checkWindows(p, trainingWindows(p), range);
  assert.deepEqual(scoringWindows(p, range), { stage: 'scoring', end: '2017-05-12', windowStart: '2017-04-13', rangeEnd: '2017-05-12' });
});

function throwsParam(fn: () => unknown, parameter: string, hint: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InvalidRunParameters);
    assert.equal(e.type, 'InvalidRunParameters');
    assert.equal(e.parameter, parameter);
    assert.match(e.message, new RegExp(`'${parameter}'`));
    assert.match(e.message, hint);
    return true;
  });
}

test('bad values name the parameter', () => {
  throwsParam(() => parseFeatureParams({ runId: 'r1', sampleRatio: 0 }), 'sampleRatio', /above 0/);
  throwsParam(() => parseFeatureParams({ runId: 'r1', sampleRatio: 1.5 }), 'sampleRatio', /at most 1/);
  throwsParam(() => parseFeatureParams({ runId: 'R 1' }), 'runId', /a-z/);
  throwsParam(() => parseFeatureParams({ runId: 'r1', snapshotDate: '2017-02-30' }), 'snapshotDate', /YYYY-MM-DD/);
});

test('windows outside the ingested dates say what to do', () => {
  const early = { ...parseFeatureParams({ runId: 'r1' }), snapshotDate: '2017-04-27' };
  throwsParam(() => checkWindows(early, trainingWindows(early), range), 'snapshotDate', /on or after 2017-04-28/);
  const late = { ...parseFeatureParams({ runId: 'r1' }), snapshotDate: '2017-04-29' };
  throwsParam(() => checkWindows(late, trainingWindows(late), range), 'snapshotDate', /on or before 2017-04-28/);
  const long = parseFeatureParams({ runId: 'r1', featureDays: 60 });
  throwsParam(() => checkWindows(long, scoringWindows(long, range), range), 'featureDays', /at most 44/);
});

test('a score-only run\'s as-of ends the scored window; one after the ingested data is refused', () => {
  const p = parseFeatureParams({ runId: 'r1' });
  // 05-10 - 29 = 04-11
  assert.deepEqual(scoringWindows(p, range, '2017-05-10'), { stage: 'scoring', end: '2017-05-10', windowStart: '2017-04-11', rangeEnd: '2017-05-10' });
  throwsParam(() => scoringWindows(p, range, '2017-05-13'), 'asOf', /after the last ingested date 2017-05-12.*on or before 2017-05-12/);
  const early = scoringWindows(p, range, '2017-04-27');
  throwsParam(() => checkWindows(p, early, range), 'featureDays', /starts before the first ingested date/);
});
