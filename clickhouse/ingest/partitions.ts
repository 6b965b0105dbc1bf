import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { LogFileName } from '../../ingest/file-name';
import { isClickHouseErrorOfType } from '../errors';

/** Where a load parses into before swapping in (see loadFiles). */
export const STAGING_TABLES = ['events_staging', 'rejects_staging'];
/** The stored tables, each partitioned by (date, file key). */
export const STORED_TABLES = ['events', 'rejects'];

/** system.parts spells a (date, file key) partition as ('2017-03-30','name'). */
export const partitionOf = (n: Pick<LogFileName, 'date' | 'fileKey'>) => `('${n.date}','${n.fileKey}')`;

/** The partition ids the files have in the given tables (most often none). */
async function filePartitions(ch: ClickHouseClient, tables: string[], names: LogFileName[]): Promise<{ table: string; ids: string[]; keys: string[] }[]> {
  return (
    await ch.query({
      query: `SELECT table, groupUniqArray(partition_id) AS ids, groupUniqArray(partition) AS keys FROM system.parts
              WHERE database = currentDatabase() AND active AND table IN {tables:Array(String)} AND partition IN {partitions:Array(String)}
              GROUP BY table`,
      query_params: { tables, partitions: names.map(partitionOf) },
      format: 'JSONEachRow',
    })
  ).json<{ table: string; ids: string[]; keys: string[] }>();
}

/** Drops the files' partitions from the tables, asking first which exist. */
export async function dropFilePartitions(ch: ClickHouseClient, tables: string[], names: LogFileName[]): Promise<void> {
  for (const { table, ids } of await filePartitions(ch, tables, names)) {
    // Partition ids are hex digests; anything else would not be one of ours.
    if (ids.some((id) => !/^[0-9a-f_-]+$/i.test(id))) throw new Error(`unexpected partition id in ${table}: ${ids.join(', ')}`);
    await ch.command({ query: `ALTER TABLE ${table} ${ids.map((id) => `DROP PARTITION ID '${id}'`).join(', ')}` });
  }
}

/**
 * The file keys among `names` that already have rows in `events` or `rejects`: an earlier version,
 * or what a crashed load left. Such files must be loaded staged, so that those rows are replaced.
 */
export async function filesWithRows(ch: ClickHouseClient, names: LogFileName[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const found = new Set((await filePartitions(ch, STORED_TABLES, names)).flatMap((p) => p.keys));
  return new Set(names.filter((n) => found.has(partitionOf(n))).map((n) => n.fileKey));
}

/** Replaces the files' partitions of events and rejects with their staging twins' (atomic per partition). */
export async function swapIn(ch: ClickHouseClient, names: LogFileName[]): Promise<void> {
  const params = Object.fromEntries(names.flatMap((n, i) => [[`date${i}`, n.date], [`key${i}`, n.fileKey]]));
  for (const table of STORED_TABLES) {
    const query = `ALTER TABLE ${table} ${names.map((_, i) => `REPLACE PARTITION ({date${i}:Date}, {key${i}:String}) FROM ${table}_staging`).join(', ')}`;
    try {
      // A file may have no rejects (or no events): replacing with nothing is exactly what we mean.
      await ch.command({ query, query_params: params, clickhouse_settings: { allow_replace_partition_from_empty_source: 1 } as ClickHouseSettings });
    } catch (err) {
      // Servers older than the setting replace from an empty source without being asked.
      if (!isClickHouseErrorOfType(err, 'UNKNOWN_SETTING')) throw err;
      await ch.command({ query, query_params: params });
    }
  }
}
