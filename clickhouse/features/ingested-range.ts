import type { ClickHouseClient } from '@clickhouse/client';
import { InvalidRunParameters } from './errors';
import type { IngestedRange } from './params';

/** First and last date in `events`; throws InvalidRunParameters when nothing is ingested. */
export async function readIngestedRange(ch: ClickHouseClient): Promise<IngestedRange> {
  const rs = await ch.query({
    query: 'SELECT toString(min(date)) AS minDate, toString(max(date)) AS maxDate, count() AS n FROM events',
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ minDate: string; maxDate: string; n: string }>();
  if (!row || Number(row.n) === 0) {
    throw new InvalidRunParameters('snapshotDate', 'the events table is empty; ingest the logs before building features');
  }
  return { minDate: row.minDate, maxDate: row.maxDate };
}

/** The dates in [from, to] that hold at least one event. */
export async function readIngestedDates(ch: ClickHouseClient, from: string, to: string): Promise<string[]> {
  const rs = await ch.query({
    query: 'SELECT DISTINCT toString(date) AS d FROM events WHERE date BETWEEN {from:Date} AND {to:Date} ORDER BY d',
    query_params: { from, to },
    format: 'JSONEachRow',
  });
  return (await rs.json<{ d: string }>()).map((r) => r.d);
}
