import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { readRatings } from '../../../artifacts/ratings';
import { LocalFolderStore } from '../../../artifacts/store';
import { readTrainingMatrix } from '../../../artifacts/training-matrix';
import { fillSyntheticEvents } from '../../../bench/features/synthetic-events';
import {
  buildFeatures, clearRun, computeFeatures, computeLabels, trainingContextOf, exportRatings, exportTrainingMatrix, FEATURE_COLUMNS, type FeatureStageSummary,
} from '../../../clickhouse/features';
import { openTestEngine, rows } from './helpers';

let ch: ClickHouseClient;
let close: () => Promise<void>;
let summary: FeatureStageSummary;
type Row = Record<string, number>;
let features: Row[];

before(async () => {
  ({ ch, close } = await openTestEngine());
  await fillSyntheticEvents(ch, { users: 3000, events: 200_000, startDate: '2017-03-30', days: 44, seed: 7 });
  summary = await buildFeatures(ch, await trainingContextOf(ch, { runId: 'prop' }));
  features = await rows<Row>(ch, "SELECT * FROM run_features WHERE run_id = 'prop'");
});
after(async () => close());

test('the five time-percentage shares sum to 1 for users with plays', () => {
  let players = 0;
  for (const f of features) {
    const sum = f.time_percentage_0_to_20 + f.time_percentage_20_to_40 + f.time_percentage_40_to_60 + f.time_percentage_60_to_80 +
      f.time_percentage_larger_than_80;
    if (f.freq_P_last_30 > 0) {
      players++;
      assert.ok(Math.abs(sum - 1) < 1e-9, `uid ${f.uid}: ${sum}`);
    } else assert.equal(sum, 0);
  }
  assert.ok(players > 1000);
});

test('the cleaning thresholds equal ClickHouse quantileExactInclusive over the same plays', async () => {
  // A second method: the aggregate itself over the members' plays of the window, row by row.
  const members = "uid IN (SELECT uid FROM run_users WHERE run_id = 'prop' AND stage = 'training' AND member)";
  const window = "date BETWEEN '2017-03-30' AND '2017-04-28'";
  const [{ l99 }] = await rows<Row>(
    ch,
    `SELECT quantileExactInclusive(0.99)(song_length) AS l99 FROM events WHERE event = 'P' AND song_length >= 0 AND ${window} AND ${members}`,
  );
  const [{ mean_len }] = await rows<Row>(
    ch,
    `SELECT avg(song_length) AS mean_len FROM events WHERE event = 'P' AND song_length >= 0 AND song_length < ${l99} AND ${window} AND ${members}`,
  );
  const c = summary.cleaning;
  assert.equal(c.l99, l99);
  assert.equal(c.meanLen, Math.floor(mean_len) + (mean_len - Math.floor(mean_len) >= 0.5 ? 1 : 0));
  const [{ t99 }] = await rows<Row>(
    ch,
    `SELECT quantileExactInclusive(0.99)(play_time) AS t99
     FROM events WHERE event = 'P' AND play_time >= 0 AND song_length IS NOT NULL AND if(song_length <= 0, ${c.meanLen}, song_length) <= ${c.l99}
       AND ${window} AND ${members}`,
  );
  assert.equal(c.t99, t99);
  assert.ok(c.l99 > 0 && c.t99 > 0);
});

test('freq_last_1 <= ... <= freq_last_30 per kind; ratios within [0, 1]', () => {
  for (const f of features) {
    for (const k of ['P', 'D', 'S']) {
      const w = [1, 3, 7, 14, 30].map((d) => f[`freq_${k}_last_${d}`]);
      for (let i = 1; i < w.length; i++) assert.ok(w[i - 1] <= w[i], `uid ${f.uid} ${k}: ${w}`);
      const r = f[`${k}_7d_over_${k}_30d`];
      assert.ok(r >= 0 && r <= 1);
      assert.ok(f[`last_${k}_days`] >= 0 && f[`last_${k}_days`] <= 30);
    }
  }
});

test('labelled users are exactly the non-bot users active in the feature window', async () => {
  // independent: plays per user over [03-30, 05-12] and numpy-style linear percentile in JS
  const plays = await rows<{ uid: number; plays: number; inF: number }>(
    ch,
    `SELECT uid, countIf(event = 'P') AS plays, max(date <= '2017-04-28') AS inF
     FROM events WHERE date BETWEEN '2017-03-30' AND '2017-05-12' GROUP BY uid`,
  );
  const sorted = plays.map((p) => p.plays).sort((a, b) => a - b);
  const h = 0.999 * (sorted.length - 1);
  const lo = Math.floor(h);
  const t = sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
  const expected = plays.filter((p) => p.inF === 1 && !(p.plays > 0 && p.plays >= t)).map((p) => p.uid).sort((a, b) => a - b);
  const labelled = (await rows<{ uid: number }>(ch, "SELECT uid FROM run_labels WHERE run_id = 'prop' ORDER BY uid")).map((r) => r.uid);
  assert.deepEqual(labelled, expected);
  assert.equal(features.length, expected.length);
  assert.ok(summary.cleaning.bots >= 1);
});

test('re-running a step for the same run id leaves exactly one copy', async () => {
  const ctx = await trainingContextOf(ch, { runId: 'prop' });
  await computeLabels(ch, ctx);
  await computeFeatures(ch, ctx);
  await computeFeatures(ch, ctx);
  const [c] = await rows<{ n: number; u: number }>(ch, "SELECT count() AS n, uniqExact(uid) AS u FROM run_features WHERE run_id = 'prop'");
  assert.equal(c.n, features.length);
  assert.equal(c.u, features.length);
});

test("the steps read the same members' events from the member window as from events", async () => {
  // 'prop' was built with the window (it took time to read); this run reads events in every step.
  assert.ok(summary.stepMs.window > 0);
  const direct = await buildFeatures(ch, await trainingContextOf(ch, { runId: 'prop-direct' }), { memberWindowMaxRows: 0 });
  assert.equal(direct.stepMs.window, 0);
  const same = async (query: (run: string) => string) => assert.deepEqual(await rows(ch, query('prop-direct')), await rows(ch, query('prop')));
  await same((run) => `SELECT * EXCEPT run_id FROM run_cleaning_report WHERE run_id = '${run}' ORDER BY stage`);
  await same((run) => `SELECT * EXCEPT run_id FROM run_features WHERE run_id = '${run}' ORDER BY uid`);
  await same((run) => `SELECT count() AS n, sum(cityHash64(uid, song_id, rating)) AS h FROM run_ratings WHERE run_id = '${run}'`);
  await same((run) => `SELECT * EXCEPT run_id FROM run_scoring_features WHERE run_id = '${run}' ORDER BY uid`);
});

test('two run ids do not mix', async () => {
  const other = await buildFeatures(ch, await trainingContextOf(ch, { runId: 'prop-half', sampleRatio: 0.5, sampleSeed: 3 }), { scoring: false });
  const counts = await rows<{ run_id: string; n: number }>(ch, 'SELECT run_id, count() AS n FROM run_features GROUP BY run_id ORDER BY run_id');
  assert.deepEqual(counts, [
    { run_id: 'prop', n: features.length },
    { run_id: 'prop-direct', n: features.length },
    { run_id: 'prop-half', n: other.featureRows },
  ]);
  assert.ok(other.featureRows > features.length * 0.4 && other.featureRows < features.length * 0.6);
  const [outside] = await rows<{ n: number }>(
    ch,
    `SELECT count() AS n FROM run_features WHERE run_id = 'prop-half'
       AND uid NOT IN (SELECT uid FROM run_features WHERE run_id = 'prop')`,
  );
  assert.equal(outside.n, 0);
});

test('ratings are 1..5 on positive song ids; exports read back as typed arrays', async () => {
  const [r] = await rows<{ lo: number; hi: number; bad: number; n: number }>(
    ch,
    "SELECT min(rating) AS lo, max(rating) AS hi, countIf(song_id <= 0) AS bad, count() AS n FROM run_ratings WHERE run_id = 'prop'",
  );
  assert.deepEqual([r.lo, r.hi, r.bad, r.n], [1, 5, 0, summary.ratings.rows]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-export-'));
  const store = new LocalFolderStore(dir);
  await exportTrainingMatrix(ch, 'prop', store, 'prop/train.arrow');
  await exportRatings(ch, 'prop', store, 'prop/ratings.arrow');
  const m = await readTrainingMatrix(store, 'prop/train.arrow');
  assert.deepEqual(m.names, [...FEATURE_COLUMNS]);
  assert.equal(m.uids.length, features.length);
  assert.ok(m.columns.every((c) => c instanceof Float64Array && c.length === features.length));
  assert.equal(m.labels.reduce((a, b) => a + b, 0), summary.churned);
  const byUid = new Map(features.map((f) => [f.uid, f]));
  const i = 17;
  const f = byUid.get(m.uids[i])!;
  FEATURE_COLUMNS.forEach((c, j) => assert.equal(m.columns[j][i], f[c], c));
  const ratings = await readRatings(store, 'prop/ratings.arrow');
  assert.equal(ratings.uid.length, summary.ratings.rows);
  assert.ok(ratings.rating instanceof Float64Array && ratings.songId.every((s) => s > 0));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('clearing a run removes its rows from every table of the stage, both stages, and no other run’s', async () => {
  const tables = ['run_users', 'run_labels', 'run_cleaning_report', 'run_features', 'run_scoring_features', 'run_ratings'];
  const count = async (run: string) =>
    Promise.all(tables.map(async (t) => Number((await rows<{ n: string }>(ch, `SELECT count() AS n FROM ${t} WHERE run_id = '${run}'`))[0].n)));
  assert.ok((await count('prop-direct')).every((n) => n > 0));
  const before = await count('prop');
  await clearRun(ch, 'prop-direct');
  assert.deepEqual(await count('prop-direct'), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(await count('prop'), before);
  assert.equal(before[3], features.length);
});
