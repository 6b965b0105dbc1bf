import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';

/** Settings the interface handles itself or that only mean something to an HTTP server. */
const NOT_ENGINE_SETTINGS = new Set(['default_format', 'enable_http_compression', 'wait_end_of_query', 'send_progress_in_http_headers', 'http_headers_progress_interval_ms', 'output_format_enable_streaming']);

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` with a request's settings and puts the engine's values back afterwards. The embedded
 * connection applies settings with `SET` on its one session, where they would outlive the request
 * and change the SQL worker's own queries; requests that carry settings therefore run one at a
 * time, each restoring what it found.
 */
export async function withScopedSettings<T>(ch: ClickHouseClient, settings: ClickHouseSettings, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings).filter((n) => !NOT_ENGINE_SETTINGS.has(n));
  if (names.length === 0) return work();
  const turn = queue.then(async () => {
    const before = await (
      await ch.query({ query: 'SELECT name, value FROM system.settings WHERE name IN {names:Array(String)}', query_params: { names }, format: 'JSONEachRow' })
    ).json<{ name: string; value: string }>();
    try {
      return await work();
    } finally {
      for (const { name, value } of before) await ch.command({ query: `SET ${name} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` });
    }
  });
  queue = turn.catch(() => undefined);
  return turn;
}
