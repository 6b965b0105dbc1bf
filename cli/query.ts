import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { Settings } from '../config/settings';
import { migrate, openClickHouse } from '../clickhouse';
import { rowsOf, type Rows } from '../clickhouse/report/rows';
import { newToken } from '../clickhouse/http/credentials';
import { engineErrorOf, formatEngineError } from '../clickhouse/http/engine-error';
import { serveEngineOverHttp } from '../clickhouse/http/engine-http-server';
import { readSqlEndpoint } from '../clickhouse/http/endpoint-file';

export interface QueryOptions {
  /** Values of `{name:Type}` placeholders. */
  params?: Record<string, string>;
  /** Allow writes, settings changes and table functions that reach files, URLs or other servers. Default false. */
  write?: boolean;
}

/**
 * Runs one query over ClickHouse's HTTP interface, wherever the engine is: a server at
 * `CLICKHOUSE_URL`; the SQL worker's endpoint while it holds the embedded engine; else the
 * embedded engine opened here and served on a private port for this one query. Read-only unless
 * `write` (the endpoint refuses writes and file/url/s3… functions); an engine error becomes one
 * line with ClickHouse's code, and is never retried.
 */
export async function queryEngine(settings: Settings, query: string, format: string, options: QueryOptions = {}): Promise<string> {
  return withEngineClient(settings, async (client) => {
    try {
      const result = await client.exec({
        query: query.trim().replace(/;\s*$/, ''),
        query_params: options.params ?? {},
        // The format as the default, not a FORMAT clause: an INSERT or a query with its own FORMAT stays valid.
        clickhouse_settings: { default_format: format as ClickHouseSettings['default_format'], ...(options.write ? {} : { readonly: '1' }) },
      });
      return Buffer.concat(await result.stream.toArray()).toString('utf8');
    } catch (err) {
      const e = engineErrorOf(err);
      throw e ? new Error(formatEngineError(e)) : err;
    }
  });
}

/** Runs `read` with a row reader on the engine, wherever it is (see queryEngine), on one client for the whole of `read`. */
export function withRows<T>(settings: Settings, read: (rows: Rows) => Promise<T>): Promise<T> {
  return withEngineClient(settings, (client) => read(rowsOf(client)));
}

/** Runs `work` with a client of the engine, wherever it is (see queryEngine). */
export async function withEngineClient<T>(settings: Settings, work: (client: ClickHouseClient) => Promise<T>): Promise<T> {
  if (settings.clickhouse.kind === 'server') {
    const client = await openClickHouse(settings);
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }
  const endpoint = readSqlEndpoint(settings.home);
  if (endpoint) {
    const client = quietClient(endpoint.url, endpoint.token);
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }
  const ch = await openClickHouse(settings);
  const token = newToken();
  const server = await serveEngineOverHttp(ch, { token });
  const client = quietClient(server.url, token);
  try {
    await migrate(ch);
    return await work(client);
  } finally {
    await client.close();
    await server.close();
    await ch.close();
  }
}

/** A client that leaves reporting errors to the caller (it would log each one to stderr itself). */
function quietClient(url: string, password: string): ClickHouseClient {
  return createClient({ url, password, log: { level: ClickHouseLogLevel.OFF } });
}
