import type { ClickHouseClient } from '../../clickhouse';

/** The tables whose contents a run or an ingest decides: every stored result, nothing transient. */
export const RESULT_TABLES = [
  'events', 'rejects', 'ingested_files',
  'run_users', 'run_labels', 'run_cleaning_report', 'run_features', 'run_scoring_features', 'run_ratings',
  'churn_scores', 'model_registry', 'recommendations',
];

/** Rows and a sum of row hashes of one table: equal fingerprints mean equal multisets of rows. */
export interface TableFingerprint {
  table: string;
  rows: number;
  hashSum: string;
}

/**
 * Fingerprints the result tables, leaving out what differs between two equal runs by design: the
 * run id, and the times things happened (DateTime columns). Tables that replace rows by key are
 * read FINAL, so a retried write that has not been merged away yet does not count twice.
 */
export async function fingerprint(ch: ClickHouseClient, tables = RESULT_TABLES): Promise<TableFingerprint[]> {
  const out: TableFingerprint[] = [];
  for (const table of tables) {
    const meta = await (
      await ch.query({
        query: `SELECT engine, (SELECT groupArray(name) FROM system.columns WHERE database = currentDatabase() AND table = {t:String} AND name != 'run_id' AND type NOT LIKE '%DateTime%') AS cols
                FROM system.tables WHERE database = currentDatabase() AND name = {t:String}`,
        query_params: { t: table },
        format: 'JSONEachRow',
      })
    ).json<{ engine: string; cols: string[] }>();
    if (meta.length === 0) throw new Error(`no table ${table}`);
    const final = meta[0].engine.startsWith('Replacing') ? 'FINAL' : '';
    const columns = meta[0].cols.map((c) => `\`${c}\``).join(', ');
    const [row] = await (
      await ch.query({ query: `SELECT count() AS rows, toString(sum(cityHash64(${columns}))) AS hash_sum FROM ${table} ${final}`, format: 'JSONEachRow' })
    ).json<{ rows: string; hash_sum: string }>();
    out.push({ table, rows: Number(row.rows), hashSum: row.hash_sum });
  }
  return out;
}

/** The tables whose fingerprints differ, as "table: rows a/b". */
export function differences(a: TableFingerprint[], b: TableFingerprint[]): string[] {
  const byTable = new Map(b.map((f) => [f.table, f]));
  return a.flatMap((f) => {
    const g = byTable.get(f.table);
    if (g && g.rows === f.rows && g.hashSum === f.hashSum) return [];
    return [`${f.table}: ${f.rows} rows vs ${g?.rows ?? 'none'}${g && g.rows === f.rows ? ' (same count, other rows)' : ''}`];
  });
}
