import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillSyntheticEvents } from '../../../bench/features/synthetic-events';
import {
  cleanPlays, computeLabels, dropStaleMemberWindows, trainingContextOf, withMemberWindow,
} from '../../../clickhouse/features';
import { openTestEngine, rows } from './helpers';

const windowTables = async (ch: Parameters<typeof rows>[0]) =>
  (await rows<{ name: string }>(ch, "SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'member_window_') ORDER BY name")).map((r) => r.name);

test('the member window holds exactly the members’ events of the feature window, and is gone afterwards', async () => {
  const { ch, close } = await openTestEngine();
  try {
    await fillSyntheticEvents(ch, { users: 400, events: 30_000, startDate: '2017-03-30', days: 44, seed: 11 });
    const p = await trainingContextOf(ch, { runId: 'mw' });
    await computeLabels(ch, p);
    const seen = await withMemberWindow(ch, p, async (ctx) => {
      const { memberWindow } = ctx;
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
      const report = await cleanPlays(ch, ctx);
      assert.equal(report.playEvents + report.downloadEvents + report.searchEvents, expected.n);
      return memberWindow;
    });
    assert.match(seen, /^member_window_\d+_[0-9a-f]{8}$/);
    assert.deepEqual(await windowTables(ch), []);
    // The size limit counts the events of the window's dates (every user), not all events: a
    // limit of exactly that many keeps the window, one fewer reads events, and no window is made.
    const [{ inDates, all }] = await rows<{ inDates: number; all: number }>(
      ch,
      "SELECT countIf(date BETWEEN '2017-03-30' AND '2017-04-28') AS inDates, count() AS all FROM events",
    );
    assert.ok(inDates < all);
    await withMemberWindow(ch, p, async ({ memberWindow }) => assert.ok(memberWindow), inDates);
    await withMemberWindow(ch, p, async ({ memberWindow }) => {
      assert.equal(memberWindow, undefined);
      assert.deepEqual(await windowTables(ch), []);
    }, inDates - 1);
    // A failing step still drops the window.
    await assert.rejects(withMemberWindow(ch, p, async () => {
      throw new Error('step failed');
    }), /step failed/);
    assert.deepEqual(await windowTables(ch), []);
  } finally {
    await close();
  }
});

test('windows made more than 6 hours ago are dropped as a dead stage’s; younger ones are kept, unless told', async () => {
  const { ch, close } = await openTestEngine();
  try {
    const now = Date.UTC(2026, 10, 29, 12);
    const hour = 60 * 60 * 1000;
    const old = `member_window_${now - 6 * hour - 60_000}_0badf00d`;
    // Younger than any stage may run (an SQL activity is stopped after 2 hours): possibly live.
    const recent = `member_window_${now - 5 * hour}_0000beef`;
    for (const name of [old, recent]) await ch.command({ query: `CREATE TABLE ${name} (x UInt8) ENGINE = Memory` });
    assert.deepEqual(await dropStaleMemberWindows(ch, { now }), [old]);
    assert.deepEqual(await windowTables(ch), [recent]);
    // The embedded engine's SQL worker, which nobody else can share it with, drops them all at start.
    assert.deepEqual(await dropStaleMemberWindows(ch, { now, olderThanMs: 0 }), [recent]);
    assert.deepEqual(await windowTables(ch), []);
  } finally {
    await close();
  }
});
