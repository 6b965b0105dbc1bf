import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { tableFromIPC } from 'apache-arrow';
import { ArtifactNotFound, ClickHouseStore, LocalFolderStore, type ArtifactStore } from '../../../artifacts/store';
import { exportToStore } from '../../../clickhouse/export';
import { serveEngineOverHttp, type EngineHttpServer } from '../../../clickhouse/http/engine-http-server';
import { openTestEngine, rows, tempHome } from '../../support/engine';

let embedded: ClickHouseClient;
let server: EngineHttpServer;
let remote: ClickHouseClient;
const TOKEN = 'store-test-token';

before(async () => {
  ({ ch: embedded } = await openTestEngine());
  server = await serveEngineOverHttp(embedded, { token: TOKEN });
  remote = createClient({ url: server.url, password: TOKEN, log: { level: ClickHouseLogLevel.OFF } });
});
after(async () => {
  await remote.close();
  await server.close();
  await embedded.close();
});

// Each store on its own run ids, so the two never see each other's keys.
const stores: [string, () => ArtifactStore][] = [
  ['local folder', () => new LocalFolderStore(tempHome('musicbox-artifacts-'))],
  ['ClickHouse over HTTP', () => new ClickHouseStore(remote, server.url)],
];

for (const [name, make] of stores) {
  test(`${name}: bytes come back as written, a second write replaces the first, a run's keys are listed and removed`, async () => {
    const store = make();
    const run = `r-${crypto.randomBytes(3).toString('hex')}`;
    // Larger than one stored part (4 MiB), with every byte value, so parts and binary bytes are both exercised.
    const big = crypto.randomBytes(9 * 1024 * 1024 + 17);
    await store.put(`${run}/big.bin`, big);
    await store.put(`${run}/models/a.json`, Buffer.from('{"a":1}'));
    await store.put(`${run}/empty.tsv`, Buffer.alloc(0));
    assert.ok((await store.get(`${run}/big.bin`)).equals(big));
    assert.equal((await store.get(`${run}/empty.tsv`)).length, 0);
    const v1 = await store.version(`${run}/models/a.json`);
    await store.put(`${run}/models/a.json`, Buffer.from('{"a":2}'));
    assert.equal((await store.get(`${run}/models/a.json`)).toString(), '{"a":2}');
    assert.notEqual(await store.version(`${run}/models/a.json`), v1);
    assert.deepEqual(await store.list(run), [`${run}/big.bin`, `${run}/empty.tsv`, `${run}/models/a.json`]);
    await assert.rejects(store.get(`${run}/missing.arrows`), (err: unknown) => err instanceof ArtifactNotFound && /missing\.arrows/.test(err.message));
    assert.equal(await store.version(`${run}/missing.arrows`), undefined);
    await store.deleteRun(run);
    assert.deepEqual(await store.list(run), []);
  });

  test(`${name}: a key that could leave its run's place is refused`, async () => {
    const store = make();
    for (const key of ['../x', 'run/../../etc/passwd', 'run', '/abs/x', 'run/a\tb', 'Run/x']) {
      await assert.rejects(store.put(key, Buffer.from('x')), /not an artifact key/, key);
    }
  });
}

test('ClickHouse store: parts a write left without its record are never read, and the next write removes them', async () => {
  const store = new ClickHouseStore(remote, server.url);
  await store.put('crash/m.json', Buffer.from('good'));
  // What a writer killed between its parts and its record leaves: a version with parts and no record,
  // here one that sorts after the good one (as a write started later would).
  const dead = (version: string) => ({ run_id: 'crash', key: 'crash/m.json', version, part: 0, encoded: Buffer.from('half').toString('base64') });
  await embedded.insert({ table: 'artifact_parts (run_id, key, version, part, encoded)', values: [dead(`${Date.now() + 1000}-dead`.padStart(20, '0'))], format: 'JSONEachRow' });
  assert.equal((await store.get('crash/m.json')).toString(), 'good');
  await new Promise((r) => setTimeout(r, 1100));
  await store.put('crash/m.json', Buffer.from('again'));
  assert.equal((await store.get('crash/m.json')).toString(), 'again');
  const versions = await rows<{ n: string }>(embedded, "SELECT uniqExact(version) AS n FROM artifact_parts WHERE run_id = 'crash'");
  assert.equal(Number(versions[0].n), 1, 'only the new version has parts left');
});

test('a writer killed part-way and a replacement that writes again leave one whole value, written once', async () => {
  const key = 'killed/recommenders/nmf.songs.f64';
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../support/put-artifact.ts'), server.url, TOKEN, key, String(6 * 1024 * 1024), '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Kill it once it has finished at least one write, in the middle of a later one.
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => /wrote 2/.test(d.toString()) && resolve()));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const store = new ClickHouseStore(remote, server.url);
  const replacement = Buffer.alloc(6 * 1024 * 1024, 200);
  await store.put(key, replacement);
  assert.ok((await store.get(key)).equals(replacement));
  const [counts] = await rows<{ records: string; versions: string; parts: string }>(
    embedded,
    "SELECT (SELECT count() FROM artifact_versions WHERE key = {key:String}) AS records, uniqExact(version) AS versions, count() AS parts FROM artifact_parts WHERE key = {key:String}",
    { key },
  );
  // 6 MiB is two parts of 4 MiB: one record, one version, two parts; nothing of the killed writer's.
  assert.deepEqual([Number(counts.records), Number(counts.versions), Number(counts.parts)], [1, 1, 2]);
});

test('an export into the ClickHouse store stores no bytes: a reader over HTTP runs the recorded query and gets the bytes the engine writes into the local folder', async () => {
  await embedded.command({ query: 'CREATE TABLE IF NOT EXISTS export_source (run_id String, uid UInt64, x Float64) ENGINE = MergeTree ORDER BY (run_id, uid)' });
  // Enough repetitive rows that the engine's default, LZ4-compressed Arrow, would differ in bytes.
  const uids = Array.from({ length: 5000 }, (_, i) => i + 1);
  await embedded.insert({ table: 'export_source', values: uids.map((uid) => ({ run_id: 'exp', uid, x: uid > 4000 ? 0.75 : 0.25 })), format: 'JSONEachRow' });
  // No SETTINGS clause of its own: the export's settings (uncompressed Arrow) must reach both paths.
  const query = 'SELECT toFloat64(uid) AS uid, x FROM export_source WHERE run_id = {run_id:String} ORDER BY uid';
  // The SQL worker records the export through its own (embedded) client; a training worker reads it over HTTP.
  assert.equal(await exportToStore(embedded, query, new ClickHouseStore(embedded, 'embedded'), 'exp/m.arrows', { params: { run_id: 'exp' } }), 0);
  const reader = new ClickHouseStore(remote, server.url);
  const bytes = await reader.get('exp/m.arrows');
  // The engine's default Arrow output is LZ4-compressed, which the readers cannot open: the export's
  // settings travel with the recorded query. Read through the engine's own client too (as from a
  // ClickHouse server), before anything in this process has asked the engine for uncompressed Arrow.
  assert.ok((await new ClickHouseStore(embedded, 'embedded').get('exp/m.arrows')).equals(bytes));
  const table = tableFromIPC(bytes);
  assert.deepEqual([...table.getChild('uid')!.toArray()], uids);
  assert.deepEqual([...table.getChild('x')!.toArray()], uids.map((uid) => (uid > 4000 ? 0.75 : 0.25)));
  // The same bytes the engine writes into the local folder.
  const local = new LocalFolderStore(tempHome('musicbox-artifacts-'));
  const written = await exportToStore(embedded, query, local, 'exp/m.arrows', { params: { run_id: 'exp' } });
  assert.equal(bytes.length, written);
  assert.ok(bytes.equals(await local.get('exp/m.arrows')));
  const [parts] = await rows<{ n: string }>(embedded, "SELECT count() AS n FROM artifact_parts WHERE key = 'exp/m.arrows'");
  assert.equal(Number(parts.n), 0, 'no part holds the export');
  // Exporting again (a retried step) is a new version, so a reader's cache of the old one is dropped.
  const before = await reader.version('exp/m.arrows');
  await exportToStore(embedded, query, new ClickHouseStore(embedded, 'embedded'), 'exp/m.arrows', { params: { run_id: 'exp' } });
  assert.notEqual(await reader.version('exp/m.arrows'), before);
  assert.deepEqual(await reader.list('exp'), ['exp/m.arrows']);
});
