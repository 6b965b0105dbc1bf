import crypto from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { StageWindows } from './params';
import { stageQueryParams, type RunContext } from './run-context';
import { featureSql } from './sql';

/**
 * Largest feature window (events of every user in its date range, read from the parts' date
 * bounds) held in memory: about 40 bytes a row, so 50 M rows is 2 GB. Above it the steps read
 * `events` directly, which gives the same rows.
 */
export const MEMBER_WINDOW_MAX_ROWS = 50_000_000;

const PREFIX = 'member_window_';
/**
 * A window left behind by a dead process is dropped by the next stage that starts this long after
 * it was made: well past the 2 h an SQL activity may run, so a live window of a long stage on a
 * shared server is never taken for a leftover. The SQL worker of the embedded engine, which no
 * other process can open, drops every window when it starts.
 */
export const STALE_MEMBER_WINDOW_MS = 6 * 60 * 60 * 1000;

/**
 * Runs `work` with the stage's member window: the members' events of the feature window
 * (member-events.sql) read once into a Memory table, which the cleaning, feature and rating steps
 * then read instead of filtering `events` three times over. At seed scale reading the window
 * costs about as much as one of those passes and saves about 0.3 s on each of the others. The
 * work gets the context with the window's name set; the table is dropped when `work` ends. When
 * the window is larger than `maxRows`, the work gets the context unchanged (read `events`).
 * Each concurrent stage holds its own window.
 */
export async function withMemberWindow<T>(
  ch: ClickHouseClient,
  ctx: RunContext,
  work: (ctx: RunContext) => Promise<T>,
  maxRows = MEMBER_WINDOW_MAX_ROWS,
): Promise<T> {
  await dropStaleMemberWindows(ch);
  if ((await windowRowsAtMost(ch, ctx.windows)) > maxRows) return work(ctx);
  const name = `${PREFIX}${Date.now()}_${crypto.randomBytes(4).toString('hex')}`;
  const withWindow: RunContext = { ...ctx, memberWindow: name };
  const params = stageQueryParams(withWindow);
  try {
    await ch.command({
      query: `CREATE TABLE {member_window:Identifier} ENGINE = Memory AS SELECT * FROM ${featureSql('member-events')}`,
      query_params: params,
    });
    return await work(withWindow);
  } finally {
    await ch.command({ query: 'DROP TABLE IF EXISTS {member_window:Identifier}', query_params: params });
  }
}

/** Rows of `events` in parts whose dates meet the window: a bound from metadata, no data read. */
async function windowRowsAtMost(ch: ClickHouseClient, w: StageWindows): Promise<number> {
  const rs = await ch.query({
    query: `SELECT sum(rows) AS n FROM system.parts
            WHERE database = currentDatabase() AND table = 'events' AND active
              AND max_date >= {window_start:Date} AND min_date <= {end:Date}`,
    query_params: { window_start: w.windowStart, end: w.end },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: string }>();
  return Number(row?.n ?? 0);
}

/**
 * Drops the member windows made more than `olderThanMs` ago (default STALE_MEMBER_WINDOW_MS): their
 * stage has died. Returns their names.
 */
export async function dropStaleMemberWindows(
  ch: ClickHouseClient,
  { now = Date.now(), olderThanMs = STALE_MEMBER_WINDOW_MS }: { now?: number; olderThanMs?: number } = {},
): Promise<string[]> {
  const rs = await ch.query({
    query: `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})`,
    query_params: { prefix: PREFIX },
    format: 'JSONEachRow',
  });
  const stale = (await rs.json<{ name: string }>())
    .map((r) => r.name)
    .filter((name) => {
      const started = Number(name.slice(PREFIX.length).split('_')[0]);
      return Number.isFinite(started) && now - started >= olderThanMs;
    });
  for (const name of stale) await ch.command({ query: 'DROP TABLE IF EXISTS {t:Identifier}', query_params: { t: name } });
  return stale;
}
