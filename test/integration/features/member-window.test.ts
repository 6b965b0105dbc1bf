import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillSyntheticEvents } from '../../../bench/features/synthetic-events';
import {
  cleanPlays, computeLabels, dropStaleMemberWindows, parseFeatureParams, trainingWindows, withMemberWindow,
} from '../../../clickhouse/features';
import { openTestEngine, rows } from './helpers';

const windowTables = async (ch: Parameters<typeof rows>[0]) =>
  (await rows<{ name: string }>(ch, "SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'member_window_') ORDER BY name")).map((r) => r.name);

test('the member window holds exactly the members’ events of the feature window, and is gone afterwards', async () => {
  const { ch, close } = await openTestEngine();
  try {
    await fillSyntheticEvents(ch, { users: 400, events: 30_000, startDate: '2017-03-30', days: 44, seed: 11 });
    const p = parseFeatureParams({ runId: 'mw' });
    await computeLabels(ch, p);
    const seen = await withMemberWindow(ch, p, trainingWindows(p), async (memberWindow) => {
      assert.ok(memberWindow);
      assert.deepEqual(await windowTables(ch), [memberWindow]);
      // Counted independently: the members' events straight from `events`.
      const [expected] = await rows<{ n: number; h: string }>(
        ch,
        `SELECT count() AS n, toString(sum(cityHash64(uid, date, event, device, song_id, play_time, song_length))) AS h FROM events
         WHERE date BETWEEN '2017-03-30' AND '2017-04-28'
           AND uid IN (SELECT uid FROM run_users WHERE run_id = 'mw' AND stage = 'training' AND member)`,
      );
      const [held] = await rows<{ n: number; h: string }>(
        ch,
        `SELECT count() AS n, toString(sum(cityHash64(uid, date, event, device, song_id, play_time, song_length))) AS h FROM ${memberWindow}`,
      );
      assert.deepEqual(held, expected);
      const report = await cleanPlays(ch, p, { memberWindow });
      assert.equal(report.playEvents + report.downloadEvents + report.searchEvents, expected.n);
      return memberWindow;
    });
    assert.match(seen, /^member_window_\d+_[0-9a-f]{8}$/);
    assert.deepEqual(await windowTables(ch), []);
    // Over the size limit the work reads events: it gets no window, and none is made.
    await withMemberWindow(ch, p, trainingWindows(p), async (memberWindow) => {
      assert.equal(memberWindow, undefined);
      assert.deepEqual(await windowTables(ch), []);
    }, 0);
    // A failing step still drops the window.
    await assert.rejects(withMemberWindow(ch, p, trainingWindows(p), async () => {
      throw new Error('step failed');
    }), /step failed/);
    assert.deepEqual(await windowTables(ch), []);
  } finally {
    await close();
  }
});

test('windows left by a stage that died over an hour ago are dropped; recent ones are kept', async () => {
  const { ch, close } = await openTestEngine();
  try {
    const now = Date.UTC(2026, 10, 29, 12);
    const old = `member_window_${now - 61 * 60 * 1000}_0badf00d`;
    const recent = `member_window_${now - 5 * 60 * 1000}_0000beef`;
    for (const name of [old, recent]) await ch.command({ query: `CREATE TABLE ${name} (x UInt8) ENGINE = Memory` });
    assert.deepEqual(await dropStaleMemberWindows(ch, now), [old]);
    assert.deepEqual(await windowTables(ch), [recent]);
  } finally {
    await close();
  }
});
