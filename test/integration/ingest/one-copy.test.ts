import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import { FileClaims } from '../../../clickhouse/ingest/claims';
import { generateLogs } from '../../../generator';
import { useTestEngine, rows, tempHome } from '../../support/engine';

const engine = useTestEngine();

test('of two ingests racing for one file, exactly one holds it; the other is told who', async () => {
  const a = new FileClaims(engine.ch, 'ingest A');
  const b = new FileClaims(engine.ch, 'ingest B');
  const [heldByA, heldByB] = await Promise.all([a.claim(['20170101_1_play.log']), b.claim(['20170101_1_play.log'])]);
  assert.equal(heldByA.length + heldByB.length, 1, 'one of the two claims lost');
  const loser = heldByA.length ? heldByA[0] : heldByB[0];
  assert.equal(loser.holder, heldByA.length ? 'ingest B' : 'ingest A');
  await a.release();
  await b.release();
  // Released, it can be claimed again, by either.
  assert.deepEqual(await b.claim(['20170101_1_play.log']), []);
  assert.equal((await a.claim(['20170101_1_play.log'])).length, 1);
  await b.release();
});

test('two ingests of one folder at once (the SQL worker runs two activities) leave exactly one copy of every line', async () => {
  const logs = tempHome('musicbox-race-logs-');
  const generated = await generateLogs({ outDir: logs, users: 300, days: 6, seed: 5 });
  const [first, second] = await Promise.all([
    ingestFolder(engine.ch, logs, { via: 'path', tmpDir: engine.tmpDir, holder: 'first', batchFiles: 2, waitPollMs: 100 }),
    ingestFolder(engine.ch, logs, { via: 'path', tmpDir: engine.tmpDir, holder: 'second', batchFiles: 2, waitPollMs: 100 }),
  ]);
  assert.equal(first.problemFiles + second.problemFiles, 0);
  // Every file was loaded by exactly one of the two; the other found it ingested.
  assert.equal(first.loadedFiles + second.loadedFiles, generated.files);
  assert.equal(first.unchangedFiles + second.unchangedFiles, generated.files);
  const [events] = await rows<{ n: string; distinct: string }>(engine.ch, 'SELECT count() AS n, uniqExact(file_key, line_no) AS distinct FROM events');
  assert.equal(Number(events.n), generated.manifest.events);
  assert.equal(Number(events.distinct), generated.manifest.events);
  const [rejects] = await rows<{ n: string; distinct: string }>(engine.ch, 'SELECT count() AS n, uniqExact(file_key, line_no) AS distinct FROM rejects');
  assert.equal(Number(rejects.n), Number(rejects.distinct));
});

test('rows that disagree with their file\'s record (a doubled partition) are found and replaced by the next ingest', async () => {
  const logs = tempHome('musicbox-drift-logs-');
  const generated = await generateLogs({ outDir: logs, users: 200, days: 3, seed: 6 });
  await ingestFolder(engine.ch, logs, { via: 'path', tmpDir: engine.tmpDir, replaceChanged: true });
  const [victim] = await rows<{ file_key: string }>(engine.ch, "SELECT file_key FROM events WHERE date = (SELECT min(date) FROM events) AND event = 'P' LIMIT 1");
  // What two loads of one file at once used to leave: every row of the file twice.
  await engine.ch.command({ query: 'INSERT INTO events SELECT * FROM events WHERE file_key = {k:String}', query_params: { k: victim.file_key } });
  const repaired = await ingestFolder(engine.ch, logs, { via: 'path', tmpDir: engine.tmpDir });
  const outcome = repaired.outcomes.find((o) => o.fileKey === victim.file_key)!;
  assert.equal(outcome.status, 'loaded');
  assert.match(outcome.message!, /reloaded to repair its rows: events held (\d+) rows/);
  assert.equal(repaired.loadedFiles, 1);
  const [events] = await rows<{ n: string; distinct: string }>(engine.ch, 'SELECT count() AS n, uniqExact(file_key, line_no) AS distinct FROM events WHERE file_key IN (SELECT file_key FROM ingested_files WHERE path LIKE {p:String})', { p: `${logs}/%` });
  assert.equal(Number(events.n), generated.manifest.events);
  assert.equal(Number(events.distinct), generated.manifest.events);
});
