import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import type { ClickHouseClient } from '../../../clickhouse';
import { openTestEngine, RAW_SAMPLES, rows, tempHome } from '../../support/engine';

let ch: ClickHouseClient;
let tmpDir: string;
let dir: string;
before(async () => {
  ({ ch } = await openTestEngine());
  tmpDir = tempHome();
  dir = tempHome('musicbox-logs-');
  fs.copyFileSync(path.join(RAW_SAMPLES, '20170330_1_play.log'), path.join(dir, '20170330_1_play.log'));
});
after(() => ch.close());

const countEvents = async () => Number((await rows<{ n: string }>(ch, 'SELECT count() AS n FROM events'))[0].n);

test('leftovers of a crashed load (rows in events and staging, transient rows, unrecorded file) are replaced, never duplicated', async () => {
  // A crashed load left part of the file in events and in staging, and the transient rows of its attempt.
  await ch.command({ query: "INSERT INTO events (date, uid, event, device, file_key, line_no) VALUES ('2017-03-30', 1, 'P', 'ar', '20170330_1_play.log', 1)" });
  await ch.command({ query: "INSERT INTO events_staging (date, uid, event, device, file_key, line_no) VALUES ('2017-03-30', 2, 'P', 'ar', '20170330_1_play.log', 2)" });
  const crashed = `${Date.now() - 2 * 60 * 60 * 1000}-crashed`;
  await ch.command({ query: `INSERT INTO ingest_lines (attempt, file_key, line_no, line) VALUES ('${crashed}', '20170330_1_play.log#short', 5, 'junk')` });
  const first = await ingestFolder(ch, dir, { via: 'path', tmpDir });
  assert.equal(first.loaded, 997);
  assert.equal(await countEvents(), 997);
  assert.equal(Number((await rows<{ n: string }>(ch, "SELECT count() AS n FROM events WHERE uid IN (1, 2)"))[0].n), 0);
  for (const table of ['events_staging', 'ingest_lines', 'ingest_census']) {
    assert.equal(Number((await rows<{ n: string }>(ch, `SELECT count() AS n FROM ${table}`))[0].n), 0, `${table} is left empty`);
  }
  // Crash after the rows were in but before the file was recorded: the next run loads it again.
  await ch.command({ query: 'TRUNCATE TABLE ingested_files' });
  const second = await ingestFolder(ch, dir, { via: 'path', tmpDir });
  assert.equal(second.loadedFiles, 1);
  assert.equal(await countEvents(), 997);
  assert.equal(Number((await rows<{ n: string }>(ch, 'SELECT count() AS n FROM rejects'))[0].n), 3);
});

test('the next day\'s files load alone; a touched but identical file is not reloaded', async () => {
  fs.copyFileSync(path.join(RAW_SAMPLES, '20170330_1_search.log'), path.join(dir, '20170331_1_search.log'));
  const now = new Date();
  fs.utimesSync(path.join(dir, '20170330_1_play.log'), now, now);
  const summary = await ingestFolder(ch, dir, { via: 'path', tmpDir });
  assert.deepEqual(summary.outcomes.map((o) => [o.fileKey, o.status]), [['20170330_1_play.log', 'unchanged'], ['20170331_1_search.log', 'loaded']]);
  assert.equal(await countEvents(), 997 + 1000);
  // The touched file's new record keeps the counts of its load (1,001 lines: 997 loaded of which 3
  // repaired, 3 rejected, 1 blank) with its new mtime, so the next run skips it without hashing.
  const [latest] = await rows<Record<string, string>>(
    ch,
    "SELECT mtime_ms, lines_read, loaded, repaired, rejected, blank FROM ingested_files WHERE file_key = '20170330_1_play.log' ORDER BY ingested_at DESC LIMIT 1",
  );
  assert.deepEqual(
    [latest.mtime_ms, latest.lines_read, latest.loaded, latest.repaired, latest.rejected, latest.blank].map(Number),
    [fs.statSync(path.join(dir, '20170330_1_play.log')).mtimeMs, 1001, 997, 3, 3, 1],
  );
});

test('a file whose content changed under the same name is reported, and replaced only when asked', async () => {
  const file = path.join(dir, '20170331_1_search.log');
  fs.appendFileSync(file, '99\tip\t2017-03-31 10:00:00\tabc\n');
  const reported = await ingestFolder(ch, dir, { via: 'path', tmpDir });
  const outcome = reported.outcomes.find((o) => o.fileKey === '20170331_1_search.log')!;
  assert.equal(outcome.status, 'changed');
  assert.match(outcome.message!, /content differs.*--replace-changed/);
  assert.equal(await countEvents(), 1997);

  const replaced = await ingestFolder(ch, dir, { via: 'path', tmpDir, replaceChanged: true });
  assert.equal(replaced.outcomes.find((o) => o.fileKey === '20170331_1_search.log')!.counts!.loaded, 1001);
  assert.equal(await countEvents(), 997 + 1001);
});

test('gzip and tar.gz files load like plain ones', async () => {
  const gzDir = tempHome('musicbox-gz-');
  const zlib = await import('node:zlib');
  fs.writeFileSync(path.join(gzDir, '20170401_1_down.log.gz'), zlib.gzipSync(fs.readFileSync(path.join(RAW_SAMPLES, '20170330_1_down.log'))));
  const { execFileSync } = await import('node:child_process');
  const staging = tempHome('musicbox-tar-');
  fs.copyFileSync(path.join(RAW_SAMPLES, '20170330_1_search.log'), path.join(staging, '20170402_1_search.log'));
  execFileSync('tar', ['czf', path.join(gzDir, '20170402_1_search.log.tar.gz'), '-C', staging, '20170402_1_search.log']);
  const summary = await ingestFolder(ch, gzDir, { via: 'path', tmpDir });
  assert.deepEqual(summary.outcomes.map((o) => [o.fileKey, o.status, o.counts?.loaded]), [['20170401_1_down.log', 'loaded', 996], ['20170402_1_search.log', 'loaded', 1000]]);
});

test('a load that fails after rows went in takes them back, and the next run loads the file once', async () => {
  const downDir = tempHome('musicbox-logs-');
  fs.copyFileSync(path.join(RAW_SAMPLES, '20170330_1_down.log'), path.join(downDir, '20170330_1_down.log'));
  const countDown = async () => Number((await rows<{ n: string }>(ch, "SELECT count() AS n FROM events WHERE file_key = '20170330_1_down.log'"))[0].n);
  // The file's split records are parsed by a second statement, after its other rows are in events;
  // a constraint refusing rebuilt records makes that statement fail.
  await ch.command({ query: "ALTER TABLE events ADD CONSTRAINT no_rebuilt_records CHECK repaired != 'split_record'" });
  try {
    const failed = await ingestFolder(ch, downDir, { via: 'path', tmpDir });
    assert.equal(failed.outcomes[0].status, 'failed');
    assert.match(failed.outcomes[0].message!, /nothing of 20170330_1_down\.log is stored/);
    assert.equal(await countDown(), 0);
  } finally {
    await ch.command({ query: 'ALTER TABLE events DROP CONSTRAINT no_rebuilt_records' });
  }
  const loaded = await ingestFolder(ch, downDir, { via: 'path', tmpDir });
  assert.equal(loaded.outcomes[0].status, 'loaded');
  assert.equal(await countDown(), 996);
});
