import type { ClickHouseSettings } from '@clickhouse/client';

/** One request to the HTTP interface, in the terms of the embedded client. */
export interface EngineRequest {
  /** The statement; for an insert, the text before the data. */
  query: string;
  /** The request body when the statement came in the `query` URL parameter: an insert's rows. */
  data?: Buffer;
  queryId?: string;
  /** `param_<name>` URL parameters, bound to `{name:Type}` placeholders. */
  params: Record<string, string>;
  /** Every other URL parameter is a setting, as on a ClickHouse server. */
  settings: ClickHouseSettings;
  /** The `readonly` setting: 1 or 2 ask for a read-only query. */
  readOnly: boolean;
}

/** URL parameters that are part of the protocol, not settings. */
const PROTOCOL_PARAMS = new Set(['query', 'query_id', 'database', 'user', 'password', 'session_id', 'session_timeout', 'session_check', 'compress', 'decompress', 'role', 'readonly']);

/** A request the interface cannot serve, with the reason (HTTP 400). */
export class BadEngineRequest extends Error {
  readonly type = 'BadEngineRequest';
}

/**
 * Reads a request the way ClickHouse's HTTP interface does: the statement is the `query` URL
 * parameter followed by the body, or the body alone; with a `query` parameter, a body after an
 * `INSERT … FORMAT X` statement is its rows.
 */
export function parseEngineRequest(url: URL, body: Buffer, method: string): EngineRequest {
  const search = url.searchParams;
  const database = search.get('database');
  if (database && database !== 'default') throw new BadEngineRequest(`database '${database}' is not served: the embedded engine has one database, 'default'`);
  const params: Record<string, string> = {};
  const settings: Record<string, string> = {};
  for (const [key, value] of search) {
    if (key.startsWith('param_')) params[key.slice('param_'.length)] = value;
    else if (!PROTOCOL_PARAMS.has(key)) settings[key] = value;
  }
  const readonly = search.get('readonly');
  // A GET is read-only on a ClickHouse server too.
  const readOnly = method === 'GET' || (readonly !== null && readonly !== '0');
  const inUrl = search.get('query');
  let query: string;
  let data: Buffer | undefined;
  if (inUrl !== null) {
    const isInsert = /^\s*INSERT\b/i.test(inUrl);
    query = isInsert || body.length === 0 ? inUrl : `${inUrl} ${body.toString('utf8')}`;
    if (isInsert && body.length > 0) data = body;
  } else {
    query = body.toString('utf8');
  }
  if (!query.trim()) throw new BadEngineRequest('empty query: send it as the body or as the query URL parameter');
  return { query, data, queryId: search.get('query_id') ?? undefined, params, settings: settings as ClickHouseSettings, readOnly };
}
