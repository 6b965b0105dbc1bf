import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { ClickHouseClient } from '@clickhouse/client';
import { presentedPassword, tokenMatches } from './credentials';
import { EngineError, engineErrorOf, formatEngineError, type EngineErrorFields } from './engine-error';
import { BadEngineRequest, parseEngineRequest, type EngineRequest } from './engine-request';
import { assertReadOnlyQuery, READONLY_ERROR_CODE } from './query-guard';
import { withScopedSettings } from './scoped-settings';

export interface EngineHttpOptions {
  /** Every request must present it as the password (Basic auth of any user, `X-ClickHouse-Key`, or `password=`). */
  token: string;
  /** Interface to listen on, default 127.0.0.1: the engine is reachable from this machine only unless asked. */
  host?: string;
  /** Port, default 0 (any free port; the chosen one is in `url`). */
  port?: number;
}

export interface EngineHttpServer {
  /** `http://host:port`, without credentials. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** ClickHouse's HTTP status for a few error codes its clients act on; everything else is 500. */
const STATUS_OF_CODE: Record<string, number> = { '62': 400, '60': 404, '81': 404, '164': 403, '516': 401 };

/**
 * Serves an embedded engine over the part of ClickHouse's HTTP interface that `@clickhouse/client`
 * and ClickHouse's own tools use: POST and GET queries, `query_id`, `param_<name>` bound
 * parameters, settings as URL parameters, `default_format`, inserts whose rows are the body,
 * `X-ClickHouse-*` headers (the exception code on errors), `/ping`. chDB cannot open a listener
 * itself; this lets workers in other processes, `musicbox sql` and any ClickHouse client reach the
 * engine the one way they reach a server.
 */
export async function serveEngineOverHttp(ch: ClickHouseClient, options: EngineHttpOptions): Promise<EngineHttpServer> {
  const server = http.createServer((req, res) => {
    handle(ch, options.token, req, res).catch((err: unknown) => respondError(res, { code: '1001', type: 'STD_EXCEPTION', message: err instanceof Error ? err.message : String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(ch: ClickHouseClient, token: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://engine');
  if (url.pathname === '/ping') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Ok.\n');
    return;
  }
  if (!tokenMatches(presentedPassword(req, url), token)) {
    respondError(res, { code: '516', type: 'AUTHENTICATION_FAILED', message: 'default: Authentication failed: password is incorrect; use the token the SQL worker wrote to its state folder (sql-endpoint.json)' });
    return;
  }
  let request: EngineRequest;
  try {
    request = parseEngineRequest(url, await readBody(req), req.method ?? 'GET');
  } catch (err) {
    if (!(err instanceof BadEngineRequest)) throw err;
    respondError(res, { code: '36', type: 'BAD_ARGUMENTS', message: err.message });
    return;
  }
  const gzip = String(request.settings.enable_http_compression) === '1' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  try {
    if (request.readOnly) {
      if (request.data) throw new EngineError({ code: READONLY_ERROR_CODE, type: 'READONLY', message: 'an insert is not a read-only query; the query is read-only by default (musicbox sql --write allows it)' });
      await assertReadOnlyQuery(ch, request.query, request.params);
    }
    const result = await withScopedSettings(ch, request.settings, () => ch.exec({
      query: request.query,
      query_id: request.queryId,
      query_params: request.params,
      // The HTTP interface answers in TabSeparated unless told otherwise; chDB's own default is CSV.
      clickhouse_settings: { default_format: 'TabSeparated', ...request.settings },
      ...(request.data && { values: Readable.from([request.data], { objectMode: false }) }),
    }));
    const bytes = Buffer.concat(await result.stream.toArray());
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Query-Id': result.query_id,
      'X-ClickHouse-Timezone': 'UTC',
      'X-ClickHouse-Server-Display-Name': 'musicbox-embedded',
      ...(result.summary && { 'X-ClickHouse-Summary': JSON.stringify(result.summary) }),
      ...(gzip && { 'Content-Encoding': 'gzip' }),
    });
    res.end(gzip ? zlib.gzipSync(bytes) : bytes);
  } catch (err) {
    const fields = engineErrorOf(err);
    if (!fields) throw err;
    respondError(res, fields);
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const body = Buffer.concat(await req.toArray());
  const encoding = req.headers['content-encoding'];
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  if (encoding && encoding !== 'identity') throw new BadEngineRequest(`request Content-Encoding '${encoding}' is not supported; send gzip or none`);
  return body;
}

function respondError(res: http.ServerResponse, e: EngineErrorFields): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(STATUS_OF_CODE[e.code] ?? 500, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': e.code }).end(`${formatEngineError(e)}\n`);
}
