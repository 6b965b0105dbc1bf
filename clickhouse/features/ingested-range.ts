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
