import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ClickHouseClient } from '../../../clickhouse';
import { clearRunPartition, countRunRows } from '../../../clickhouse/run-tables';
import { openTestEngine, rows } from '../../support/engine';

let ch: ClickHouseClient;
before(async () => {
  ({ ch } = await openTestEngine());
  // run_users is partitioned by (run, stage); recommendations by run alone.
  const user = (run_id: string, stage: string, uid: number) => ({ run_id, stage, uid, plays: 1, in_window: 1, in_label: 0, bot_threshold: 0, is_bot: 0, sampled: 1, member: 1 });
  await ch.insert({ table: 'run_users', format: 'JSONEachRow', values: [user('a', 'training', 1), user('a', 'training', 2), user('a', 'scoring', 3), user('b', 'training', 4)] });
  const rec = (run_id: string, uid: number) => ({ run_id, uid, rank: 1, song_id: 7, score: 1, models: ['nmf'] });
  await ch.insert({ table: 'recommendations', format: 'JSONEachRow', values: [rec('a', 1), rec('a', 2), rec('b', 3)] });
});
after(() => ch.close());

const uids = async (table: string) => (await rows<{ run_id: string; uid: string }>(ch, `SELECT run_id, uid FROM ${table} ORDER BY uid`)).map((r) => `${r.run_id}:${r.uid}`);

test('counts one run, or one run and stage', async () => {
  assert.equal(await countRunRows(ch, 'run_users', 'a'), 3);
  assert.equal(await countRunRows(ch, 'run_users', 'a', 'training'), 2);
  assert.equal(await countRunRows(ch, 'run_users', 'a', 'scoring'), 1);
  assert.equal(await countRunRows(ch, 'recommendations', 'b'), 1);
  assert.equal(await countRunRows(ch, 'recommendations', 'none'), 0);
});

test('dropping one run and stage leaves the other stage and other runs; a run-keyed table drops the whole run', async () => {
  await clearRunPartition(ch, 'run_users', 'a', 'training');
  assert.deepEqual(await uids('run_users'), ['a:3', 'b:4']);
  await clearRunPartition(ch, 'recommendations', 'a');
  assert.deepEqual(await uids('recommendations'), ['b:3']);
  await clearRunPartition(ch, 'recommendations', 'never-written'); // nothing to drop is not an error
});

test('a table name that is not a plain identifier is refused before any SQL runs', async () => {
  await assert.rejects(clearRunPartition(ch, 'events; DROP TABLE events', 'a'), /not a table name/);
  await assert.rejects(countRunRows(ch, 'events --', 'a'), /not a table name/);
});
