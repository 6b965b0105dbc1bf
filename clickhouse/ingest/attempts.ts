import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';

/** Tables a load attempt keeps its lines set aside and its census in, partitioned by attempt id. */
const TRANSIENT_TABLES = ['ingest_census', 'ingest_lines'];

/** A new attempt id: its start time first, so a crashed attempt's age can be read from it. */
export function newAttemptId(now = Date.now()): string {
  return `${now}-${randomUUID()}`;
}

/** Drops what a load attempt kept in the transient tables (dropping an absent partition is a no-op). */
export async function dropAttempt(ch: ClickHouseClient, attempt: string): Promise<void> {
  for (const table of TRANSIENT_TABLES) await ch.command({ query: `ALTER TABLE ${table} DROP PARTITION {attempt:String}`, query_params: { attempt } });
}

/** A load that crashed left its attempt in the transient tables; no load runs for an hour. */
const STALE_ATTEMPT_MS = 60 * 60 * 1000;

/** Drops the transient rows of attempts that started over an hour ago: loads that crashed. */
export async function dropStaleAttempts(ch: ClickHouseClient, now = Date.now()): Promise<void> {
  const attempts = await (
    await ch.query({
      query: `SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND active AND table IN {tables:Array(String)}`,
      query_params: { tables: TRANSIENT_TABLES },
      format: 'JSONEachRow',
    })
  ).json<{ partition: string }>();
  for (const { partition } of attempts) {
    if (now - Number(partition.split('-')[0]) > STALE_ATTEMPT_MS) await dropAttempt(ch, partition);
  }
}
