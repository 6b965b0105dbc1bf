import type { ClickHouseClient } from '@clickhouse/client';

/** A query parameter of the report's readers: bound with `{name:Type}`, never interpolated. */
export type RowParam = string | number | string[];

/**
 * Runs one parameterised SELECT and returns its rows. The report's readers take this rather than
 * a client so the command line can run them through the SQL worker when it holds the embedded
 * engine (only text crosses Temporal), and the report step directly on its own client.
 */
export type Rows = <T>(query: string, params?: Record<string, RowParam>) => Promise<T[]>;

export function rowsOf(ch: ClickHouseClient): Rows {
  return async <T>(query: string, params: Record<string, RowParam> = {}) => (await ch.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}

/** A parameter as ClickHouse reads it from text (arrays as `['a', 'b']` literals), for transports that carry strings only. */
export function paramText(value: RowParam): string {
  if (Array.isArray(value)) return `[${value.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
  return String(value);
}
