import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { serveEngineOverHttp, type EngineHttpServer } from '../../clickhouse/http/engine-http-server';
import { clickHouseUrlOf } from '../../clickhouse/http/endpoint-file';
import { PROJECT_ROOT } from '../../temporal/binary';
import { openTestEngine, tempHome } from '../support/engine';

let ch: ClickHouseClient;
let server: EngineHttpServer;
const TOKEN = 'right-token';
before(async () => {
  ({ ch } = await openTestEngine());
  server = await serveEngineOverHttp(ch, { token: TOKEN });
});
after(async () => {
  await server.close();
  await ch.close();
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** `musicbox worker training` on a fresh state folder with just these two variables, as on another machine. */
// Asynchronous: the engine it reaches is served by this very process.
function trainingWorker(clickhouseUrl: string, temporalAddress: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'worker', 'training'],
      { env: { PATH: process.env.PATH, MUSICBOX_HOME: tempHome(), CLICKHOUSE_URL: clickhouseUrl, TEMPORAL_ADDRESS: temporalAddress }, timeout: 120_000 },
      (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr: stderr.trim() }),
    );
  });
}

test('a training worker that cannot reach the engine refuses to start, saying which address and what to check', async () => {
  const r = await trainingWorker(`http://default:${TOKEN}@127.0.0.1:${await closedPort()}`, '127.0.0.1:1');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: ClickHouse at http:\/\/127\.0\.0\.1:\d+ is unavailable: .*check CLICKHOUSE_URL/);
  assert.doesNotMatch(r.stderr, new RegExp(TOKEN), 'the token is not printed');
});

test('a training worker with a wrong token refuses to start, saying the token is wrong', async () => {
  const r = await trainingWorker(clickHouseUrlOf({ url: server.url, token: 'wrong-token' }), '127.0.0.1:1');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: cannot use ClickHouse \(http:\/\/127\.0\.0\.1:\d+\) as the artifact store: .*Authentication failed.*sql-endpoint\.json/);
});

test('with the right token the store check passes, and the worker goes on to Temporal', async () => {
  const r = await trainingWorker(clickHouseUrlOf({ url: server.url, token: TOKEN }), `127.0.0.1:${await closedPort()}`);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot reach the Temporal server/);
});
