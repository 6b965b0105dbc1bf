import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { buildFeatures, readCleaningReport, trainingContextOf, type FeatureStageSummary } from '../../../clickhouse/features';
import { insertEvents, openTestEngine, rows, type Ev } from './helpers';

// end = 2017-04-28, F = [03-30, 04-28], L = [04-29, 05-12].
// U1: the player whose every cleaning rule fires. U2: searches only. U3: downloads/searches, more ar.
// U4: active only in the label window. U9: a heavy player (the bot) with absurd lengths.
const U1 = 11, U2 = 12, U3 = 13, U4 = 14, U9 = 19;
const P = (date: string, song_length: number | null, play_time: number | null, song_id: number | null, device: 'ar' | 'ip'): Ev =>
  ({ date, uid: U1, event: 'P', song_length, play_time, song_id, device });

const events: Ev[] = [
  // e1..e10 are the kept plays (after cleaning: len, play, pct, bin, play score)
  P('2017-03-30', 0, null, 1, 'ar'), //   e1: 281, 112, .3986, 20-40, 2   (end-29: inside F)
  P('2017-04-01', -5, -3, 1, 'ar'), //    e2: 281, 112, .3986, 20-40, 2
  P('2017-04-10', 100, 50, 2, 'ar'), //   e3: 100,  50, .5,    40-60, 3
  P('2017-04-28', 100, 100, 2, 'ar'), //  e4: 100, 100, 1.0,   >=80,  5
  P('2017-04-22', 200, 10, 3, 'ar'), //   e5: 200,  10, .05,   0-20,  1
  P('2017-04-15', 200, 150, 3, 'ip'), //  e6: 200, 150, .75,   60-80, 4
  P('2017-04-26', 200, 170.7, 4, 'ip'), // e7: 200, 170, .85,   >=80,  5   (floor)
  P('2017-04-20', 300, 240, null, 'ip'), // e8: 300, 240, .8,   >=80   (edge; song NULL: no rating)
  P('2017-04-05', 300, 60, 0, 'ip'), //    e9: 300,  60, .2,    20-40  (edge; song 0: no rating)
  P('2017-04-14', 400, NaN, -4, 'ip'), //  e10: 400, 112, .28,  20-40  (NaN play; song -4: no rating)
  // dropped plays, all 'ar' so that counting devices before cleaning would flip U1 to 1
  P('2017-04-27', null, 10, 9, 'ar'), //   NULL length: dropped
  P('2017-04-27', 5000, 4000, 9, 'ar'), // 5000 > L99: dropped
  P('2017-04-28', 1005, 2000, 9, 'ar'), // kept by length, 2000 > T99: dropped
  { date: '2017-04-21', uid: U1, event: 'D', device: 'ip', song_id: 7 }, // download only: rating 5
  { date: '2017-03-29', uid: U1, event: 'P', device: 'ar', song_id: 5, song_length: 100, play_time: 100 }, // end-30: outside
  { date: '2017-04-29', uid: U1, event: 'S', device: 'ar' }, // end+1: label window, so U1 label 0
  { date: '2017-04-28', uid: U2, event: 'S', device: 'ar' },
  { date: '2017-04-25', uid: U2, event: 'S', device: 'ip' }, // tie ar/ip -> device 0
  { date: '2017-04-10', uid: U3, event: 'S', device: 'ar' },
  { date: '2017-04-11', uid: U3, event: 'S', device: 'ar' },
  { date: '2017-04-12', uid: U3, event: 'D', device: 'ip', song_id: 8 },
  { date: '2017-05-12', uid: U3, event: 'S', device: 'ar' }, // label window (and the last ingested date)
  { date: '2017-05-01', uid: U4, event: 'S', device: 'ip' },
  ...Array.from({ length: 20 }, (): Ev => ({ date: '2017-04-20', uid: U9, event: 'P', device: 'ar', song_id: 1, song_length: 99999, play_time: 99999 })),
];

let ch: ClickHouseClient;
let close: () => Promise<void>;
let summary: FeatureStageSummary;
type Row = Record<string, number>;
let byUid: Map<number, Row>;

before(async () => {
  ({ ch, close } = await openTestEngine());
  await insertEvents(ch, events);
  summary = await buildFeatures(ch, await trainingContextOf(ch, { runId: 'hand', snapshotDate: '2017-04-28' }));
  byUid = new Map((await rows<Row>(ch, "SELECT * FROM run_features WHERE run_id = 'hand'")).map((r) => [r.uid, r]));
});
after(async () => close());

test('bots: the top player is a bot at the 99.9th percentile', async () => {
  // plays over [03-30, 05-12] per user seen: U9 20, U1 13 (03-29 is outside), U2 0, U3 0, U4 0.
  // sorted [0,0,0,13,20]; h = 0.999 * 4 = 3.996 -> 13 + 0.996 * (20 - 13) = 19.972; U9 (20) >= t is a bot.
  const r = summary.cleaning;
  assert.ok(Math.abs(r.botThreshold - (13 + (0.999 * 4 - 3) * 7)) < 1e-9);
  assert.equal(r.users, 5);
  assert.equal(r.bots, 1);
  assert.equal(r.members, 3); // U1, U2, U3; U4 is active only in L
});

test('labels: active in F only; label 1 when absent in L', async () => {
  const labels = await rows<{ uid: number; label: number }>(ch, "SELECT uid, label FROM run_labels WHERE run_id = 'hand' ORDER BY uid");
  // U1: S on 04-29 -> 0; U2: nothing in L -> 1; U3: S on 05-12 -> 0. U4 (L only) and U9 (bot) absent.
  assert.deepEqual(labels, [{ uid: U1, label: 0 }, { uid: U2, label: 1 }, { uid: U3, label: 0 }]);
  assert.equal(summary.labelled, 3);
  assert.equal(summary.churned, 1);
});

test('cleaning: thresholds and counts', async () => {
  const r = await readCleaningReport(ch, 'hand');
  // 13 P events of U1 in F (U9 is a bot). NULL length dropped: 1.
  // lengths >= 0: [0,100,100,200,200,200,300,300,400,1005,5000], n = 11, h = 0.99 * 10 = 9.9
  //   L99 = 1005 + 0.9 * (5000 - 1005) = 4600.5
  assert.ok(Math.abs(r.l99 - (1005 + (0.99 * 10 - 9) * 3995)) < 1e-9);
  // mean over [0, L99): (0+100+100+200+200+200+300+300+400+1005) / 10 = 280.5 -> 281 (half away from zero)
  assert.equal(r.meanLen, 281);
  assert.equal(r.playEvents, 13);
  assert.equal(r.downloadEvents, 2); // U1 04-21, U3 04-12
  assert.equal(r.searchEvents, 4); // U2 two, U3 two in F
  assert.equal(r.droppedNullLength, 1);
  assert.equal(r.replacedLength, 2); // 0 and -5
  assert.equal(r.droppedLongLength, 1); // 5000
  // play_time >= 0 of the 11 remaining: [10,50,60,100,150,170.7,240,2000], n = 8, h = 0.99 * 7 = 6.93
  //   T99 = 240 + 0.93 * (2000 - 240) = 1876.8
  assert.ok(Math.abs(r.t99 - (240 + (0.99 * 7 - 6) * 1760)) < 1e-9);
  // mean over [0, T99): (10+50+60+100+150+170.7+240) / 7 = 111.53 -> 112
  assert.equal(r.meanPlay, 112);
  assert.equal(r.replacedPlayTime, 3); // NULL, -3, NaN
  assert.equal(r.droppedLongPlayTime, 1); // 2000
  assert.equal(r.keptPlays, 10);
});

test('features A/B: shares, 7d/30d, play time (player U1)', () => {
  const f = byUid.get(U1)!;
  // bins of the 10 kept plays: 0-20 {e5}, 20-40 {e1,e2,e9,e10}, 40-60 {e3}, 60-80 {e6}, >=80 {e4,e7,e8}
  assert.equal(f.time_percentage_0_to_20, 0.1);
  assert.equal(f.time_percentage_20_to_40, 0.4);
  assert.equal(f.time_percentage_40_to_60, 0.1);
  assert.equal(f.time_percentage_60_to_80, 0.1);
  assert.equal(f.time_percentage_larger_than_80, 0.3);
  // >=80 in last 7 days (>= 04-22): e4 (04-28), e7 (04-26); in 30: e4, e7, e8 -> 2/3
  assert.equal(f.time_percentage_larger_than_80_7d_over_30d, 2 / 3);
  // 112+112+50+100+10+150+170+240+60+112 = 1116; last 7 days: e4 100 + e7 170 + e5 10 = 280
  assert.equal(f.total_play_time, 1116);
  assert.equal(f.total_play_time_7d_over_30d, 280 / 1116);
  assert.equal(f.average_play_time, 111.6);
});

test('features C/D/E: windows, recency, device (U1)', () => {
  const f = byUid.get(U1)!;
  // kept play dates: 03-30, 04-01, 04-05, 04-10, 04-14, 04-15, 04-20, 04-22, 04-26, 04-28
  // last 1 (>=04-28): 1; last 3 (>=04-26): 2; last 7 (>=04-22): 3; last 14 (>=04-15): 5; last 30: 10
  assert.deepEqual([f.freq_P_last_1, f.freq_P_last_3, f.freq_P_last_7, f.freq_P_last_14, f.freq_P_last_30], [1, 2, 3, 5, 10]);
  assert.equal(f.P_7d_over_P_30d, 0.3);
  // one download on 04-21 = end - 7: outside last 7, inside last 14
  assert.deepEqual([f.freq_D_last_1, f.freq_D_last_3, f.freq_D_last_7, f.freq_D_last_14, f.freq_D_last_30], [0, 0, 0, 1, 1]);
  assert.equal(f.D_7d_over_D_30d, 0);
  assert.equal(f.S_7d_over_S_30d, 0); // zero denominator (the search on 04-29 is in L)
  assert.equal(f.freq_S_last_30, 0);
  assert.deepEqual([f.last_P_days, f.last_D_days, f.last_S_days], [0, 7, 30]);
  // after cleaning: ar e1..e5 = 5, ip e6..e10 + D = 6 -> 0 (before cleaning ar would be 8)
  assert.equal(f.device, 0);
  assert.equal(f.label, 0);
});

test('features of users without plays (U2 searches only, U3 more ar)', () => {
  const u2 = byUid.get(U2)!;
  for (const c of ['time_percentage_0_to_20', 'time_percentage_larger_than_80', 'time_percentage_larger_than_80_7d_over_30d',
    'total_play_time', 'total_play_time_7d_over_30d', 'average_play_time']) assert.equal(u2[c], 0, c);
  // searches on 04-28 and 04-25: last 1: 1, last 3 (>=04-26): 1, last 7: 2, 14: 2, 30: 2
  assert.deepEqual([u2.freq_S_last_1, u2.freq_S_last_3, u2.freq_S_last_7, u2.freq_S_last_14, u2.freq_S_last_30], [1, 1, 2, 2, 2]);
  assert.equal(u2.S_7d_over_S_30d, 1);
  assert.deepEqual([u2.last_P_days, u2.last_D_days, u2.last_S_days], [30, 30, 0]);
  assert.equal(u2.device, 0); // 1 ar, 1 ip: a tie is ip
  assert.equal(u2.label, 1);
  const u3 = byUid.get(U3)!;
  assert.equal(u3.device, 1); // 2 ar > 1 ip
  assert.deepEqual([u3.last_P_days, u3.last_D_days, u3.last_S_days], [30, 16, 17]); // 04-28 - 04-12, 04-28 - 04-11
  assert.equal(byUid.size, 3);
});

test('ratings: rounded mean play score, downloads rate 5, bad song ids dropped', async () => {
  const r = await rows<{ uid: number; song_id: number; rating: number }>(
    ch,
    "SELECT uid, song_id, rating FROM run_ratings WHERE run_id = 'hand' ORDER BY uid, song_id",
  );
  // U1: song 1 (2,2) -> 2; song 2 (3,5) -> 4; song 3 (1,4) -> 2.5 -> 3; song 4 (5) -> 5; song 7 downloaded -> 5
  // (songs NULL, 0, -4 dropped; song 9 only in dropped plays). U3: song 8 downloaded -> 5.
  assert.deepEqual(r, [
    { uid: U1, song_id: 1, rating: 2 },
    { uid: U1, song_id: 2, rating: 4 },
    { uid: U1, song_id: 3, rating: 3 },
    { uid: U1, song_id: 4, rating: 5 },
    { uid: U1, song_id: 7, rating: 5 },
    { uid: U3, song_id: 8, rating: 5 },
  ]);
});

test('scoring snapshot: end = latest ingested date, no label', async () => {
  // max date 05-12; window [04-13, 05-12]. Plays there: U1 9 (e4..e8, e10 in, dropped ones 3), U9 20.
  const s = await rows<Row>(ch, "SELECT * FROM run_scoring_features WHERE run_id = 'hand' ORDER BY uid");
  assert.equal(summary.scoring?.snapshotDate, '2017-05-12');
  assert.deepEqual(s.map((r) => r.uid), [U1, U2, U3, U4]);
  const u3 = s.find((r) => r.uid === U3)!;
  assert.deepEqual([u3.freq_S_last_1, u3.last_S_days, u3.last_D_days], [1, 0, 30]);
  const u4 = s.find((r) => r.uid === U4)!;
  assert.equal(u4.last_S_days, 11); // 05-12 - 05-01
  assert.equal('label' in u4, false);
});
