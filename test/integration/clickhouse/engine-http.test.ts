import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { exportQuery } from '../../../clickhouse/export';
import { serveEngineOverHttp, type EngineHttpServer } from '../../../clickhouse/http/engine-http-server';
import { openTestEngine, rows, tempHome } from '../../support/engine';

// The embedded engine, and the same engine reached the way a ClickHouse server is, over HTTP.
let embedded: ClickHouseClient;
let server: EngineHttpServer;
let remote: ClickHouseClient;
const TOKEN = 'test-token-1';

before(async () => {
  ({ ch: embedded } = await openTestEngine());
  server = await serveEngineOverHttp(embedded, { token: TOKEN });
  remote = createClient({ url: server.url, password: TOKEN });
  await embedded.command({ query: 'CREATE TABLE plays (uid UInt64, song String, day Date, secs Float64) ENGINE = MergeTree ORDER BY (uid, song)' });
});
after(async () => {
  await remote.close();
  await server.close();
  await embedded.close();
});

/** Rows of a small hand-made table: uid i plays song s(i mod 3) on day 1 + (i mod 2), for 10·i seconds. */
const PLAYS = Array.from({ length: 6 }, (_, i) => ({ uid: i + 1, song: `s${i % 3}`, day: `2017-04-0${1 + (i % 2)}`, secs: 10 * (i + 1) }));

test('rows streamed in over HTTP land in the embedded table, and both paths read them back the same', async () => {
  await remote.insert({ table: 'plays', values: PLAYS, format: 'JSONEachRow' });
  const byEmbedded = await rows<{ uid: string; song: string; day: string; secs: number }>(embedded, 'SELECT * FROM plays ORDER BY uid');
  assert.deepEqual(byEmbedded.map((r) => ({ ...r, uid: Number(r.uid) })), PLAYS);
  for (const query of ['SELECT * FROM plays ORDER BY uid', 'SELECT song, count() AS n, sum(secs) AS s FROM plays GROUP BY song ORDER BY song']) {
    for (const format of ['TabSeparated', 'JSONEachRow', 'CSVWithNames'] as const) {
      const a = await (await embedded.query({ query, format })).text();
      const b = await (await remote.query({ query, format })).text();
      assert.equal(b, a, `${format}: ${query}`);
    }
  }
  // s0 is played by uids 1 and 4: 10 + 40 seconds.
  const [s0] = await rows<{ s: number }>(remote, "SELECT sum(secs) AS s FROM plays WHERE song = 's0'");
  assert.equal(s0.s, 50);
});

test('bound parameters of several types reach the engine as on a server', async () => {
  const got = await rows<{ n: string }>(remote, 'SELECT count() AS n FROM plays WHERE day = {day:Date} AND uid > {min:UInt64} AND song IN {songs:Array(String)}', {
    day: '2017-04-02',
    min: 2,
    songs: ['s0', 's1'],
  });
  // day 2 holds uids 2, 4, 6 (songs s1, s0, s2); above uid 2 and in {s0, s1}: only uid 4.
  assert.equal(Number(got[0].n), 1);
});

test('an Arrow export streamed over HTTP is the file the embedded engine writes itself', async () => {
  const dir = tempHome();
  const query = "SELECT toFloat64(uid) AS uid, secs FROM plays ORDER BY uid SETTINGS output_format_arrow_compression_method = 'none'";
  await exportQuery(embedded, query, path.join(dir, 'engine.arrows'), { via: 'engine' });
  await exportQuery(remote, query, path.join(dir, 'http.arrows'), { via: 'client' });
  assert.ok(fs.readFileSync(path.join(dir, 'http.arrows')).equals(fs.readFileSync(path.join(dir, 'engine.arrows'))));
});

test('settings given as URL parameters apply to that query only, and the query id comes back', async () => {
  const quoted = await (await remote.query({ query: 'SELECT toUInt64(7) AS x', format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 1 }, query_id: 'q-17' })).text();
  assert.equal(quoted.trim(), '{"x":"7"}');
  // The engine's default (unquoted 64-bit integers) is back for the next query, on either path.
  assert.equal((await (await embedded.query({ query: 'SELECT toUInt64(7) AS x', format: 'JSONEachRow' })).text()).trim(), '{"x":7}');
  assert.equal((await (await remote.query({ query: 'SELECT toUInt64(7) AS x', format: 'JSONEachRow' })).text()).trim(), '{"x":7}');
  const result = await remote.exec({ query: 'SELECT 1', query_id: 'q-18' });
  result.stream.resume();
  assert.equal(result.query_id, 'q-18');
});

test('an engine error comes back with its ClickHouse code and type, in the header too', async () => {
  await assert.rejects(remote.query({ query: 'SELEC 1' }), (err: Error & { code?: string; type?: string }) => err.code === '62' && err.type === 'SYNTAX_ERROR');
  await assert.rejects(remote.query({ query: 'SELECT * FROM no_such_table' }), (err: Error & { code?: string }) => err.code === '60');
  const res = await fetch(`${server.url}/?query=SELEC%201`, { headers: { 'X-ClickHouse-Key': TOKEN } });
  assert.equal(res.headers.get('x-clickhouse-exception-code'), '62');
  assert.match(await res.text(), /^Code: 62\. DB::Exception: .*\(SYNTAX_ERROR\)\n$/);
});

test('/ping answers without credentials; a query with a wrong token is refused with code 516', async () => {
  assert.equal(await (await fetch(`${server.url}/ping`)).text(), 'Ok.\n');
  const wrong = createClient({ url: server.url, password: 'not-the-token' });
  await assert.rejects(wrong.query({ query: 'SELECT 1' }), (err: Error & { code?: string }) => err.code === '516' && /Authentication failed/.test(err.message));
  await wrong.close();
  const none = await fetch(`${server.url}/?query=SELECT%201`);
  assert.equal(none.status, 401);
});

test('a GET or readonly=1 request may read but not write, nor reach files', async () => {
  const get = await fetch(`${server.url}/?query=${encodeURIComponent('SELECT count() FROM plays')}`, { headers: { 'X-ClickHouse-Key': TOKEN } });
  assert.equal(await get.text(), `${PLAYS.length}\n`);
  const readonly = { readonly: '1' } as never;
  await assert.rejects(remote.command({ query: "INSERT INTO plays VALUES (9, 'x', '2017-04-01', 1)", clickhouse_settings: readonly }), (err: Error & { code?: string }) => err.code === '164');
  await assert.rejects(remote.query({ query: "SELECT * FROM file('/etc/passwd', 'LineAsString')", clickhouse_settings: readonly }), (err: Error & { code?: string }) => err.code === '164' && /file\(\)/.test(err.message));
  await assert.rejects(remote.query({ query: 'SELECT 1; DROP TABLE plays', clickhouse_settings: readonly }), (err: Error & { code?: string }) => err.code === '62');
  assert.equal(Number((await rows<{ n: string }>(embedded, 'SELECT count() AS n FROM plays'))[0].n), PLAYS.length, 'nothing was written or dropped');
});
