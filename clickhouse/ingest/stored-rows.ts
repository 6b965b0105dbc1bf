import type { ClickHouseClient } from '@clickhouse/client';
import type { LogFileName } from '../../ingest/file-name';
import type { FileCounts } from './census';
import { partitionOf } from './partitions';

/** Rows a file has in events and in rejects, from the parts' metadata (nothing is scanned). */
export interface StoredRows {
  events: number;
  rejects: number;
}

/** The rows each file key holds in events and rejects; a key with no rows is absent. */
export async function storedRows(ch: ClickHouseClient, names: LogFileName[]): Promise<Map<string, StoredRows>> {
  if (names.length === 0) return new Map();
  const byPartition = new Map(names.map((n) => [partitionOf(n), n.fileKey]));
  const rows = await (
    await ch.query({
      query: `SELECT table, partition, sum(rows) AS n FROM system.parts
              WHERE database = currentDatabase() AND active AND table IN ('events', 'rejects') AND partition IN {partitions:Array(String)}
              GROUP BY table, partition`,
      query_params: { partitions: [...byPartition.keys()] },
      format: 'JSONEachRow',
    })
  ).json<{ table: 'events' | 'rejects'; partition: string; n: string }>();
  const stored = new Map<string, StoredRows>();
  for (const r of rows) {
    const key = byPartition.get(r.partition)!;
    const s = stored.get(key) ?? { events: 0, rejects: 0 };
    s[r.table] += Number(r.n);
    stored.set(key, s);
  }
  return stored;
}

/**
 * How a recorded file's stored rows disagree with its record, or undefined when they agree: rows
 * doubled by two loads that once ran at once, or lost, are found here and the file is reloaded.
 */
export function disagreement(stored: StoredRows | undefined, recorded: FileCounts): string | undefined {
  const s = stored ?? { events: 0, rejects: 0 };
  if (s.events === recorded.loaded && s.rejects === recorded.rejected) return undefined;
  return `events held ${s.events} rows and rejects ${s.rejects} where its record says ${recorded.loaded} and ${recorded.rejected}`;
}
