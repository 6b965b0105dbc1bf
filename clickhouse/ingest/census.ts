import type { ClickHouseClient } from '@clickhouse/client';
import type { LogFileName } from '../../ingest/file-name';

/** What became of every physical line of one file: lines = blank + rejected + loaded + splitRecords. */
export interface FileCounts {
  lines: number;
  blank: number;
  /** Rows written to `events`, repaired ones included. */
  loaded: number;
  /** Rows that needed a repair (extra empty fields removed, or two lines joined). */
  repaired: number;
  /** Records rebuilt from two physical lines. */
  splitRecords: number;
  /** Lines written to `rejects`. */
  rejected: number;
}

/** The counts the routing views keep for one file in one load attempt (see ingest_census). */
export interface Census {
  lines: number;
  blank: number;
  loaded: number;
  repaired: number;
  /** Lines too short to be a record (candidates for joining). */
  short: number;
  /** Lines and rebuilt records rejected by the parse. */
  rejected: number;
}

const EMPTY_CENSUS: Census = { lines: 0, blank: 0, loaded: 0, repaired: 0, short: 0, rejected: 0 };

/** A file's counts once the record joiner has left `unjoined` of its short lines unjoined (they are rejected). */
export function countsOf(census: Census, unjoined: number): FileCounts {
  return {
    lines: census.lines,
    blank: census.blank,
    loaded: census.loaded,
    repaired: census.repaired,
    splitRecords: (census.short - unjoined) / 2,
    rejected: census.rejected + unjoined,
  };
}

/** Every count of each file from the census the routing views keep (physical lines exclude rebuilt records). */
export async function readCensus(ch: ClickHouseClient, attempt: string, names: LogFileName[]): Promise<Map<string, Census>> {
  const rows = await (
    await ch.query({
      query: `SELECT
                toString(file_key) AS key,
                sumIf(c.lines, repair != 'split_record') AS n_lines,
                sumIf(c.lines, status = 'blank') AS n_blank,
                sumIf(c.lines, status = 'ok') AS n_loaded,
                sumIf(c.lines, status = 'ok' AND repair != '') AS n_repaired,
                sumIf(c.lines, status = 'too_few_fields' AND repair != 'split_record') AS n_short,
                sumIf(c.lines, status NOT IN ('ok', 'blank', 'too_few_fields')) AS n_rejected
              FROM ingest_census AS c WHERE attempt = {attempt:String} AND file_key IN {keys:Array(String)}
              GROUP BY file_key`,
      query_params: { attempt, keys: names.map((n) => n.fileKey) },
      format: 'JSONEachRow',
    })
  ).json<{ key: string } & Record<`n_${keyof Census}`, string>>();
  // An empty file has no census rows: all its counts are zero.
  const census = new Map(names.map((n) => [n.fileKey, EMPTY_CENSUS]));
  for (const c of rows) {
    census.set(c.key, { lines: Number(c.n_lines), blank: Number(c.n_blank), loaded: Number(c.n_loaded), repaired: Number(c.n_repaired), short: Number(c.n_short), rejected: Number(c.n_rejected) });
  }
  return census;
}
