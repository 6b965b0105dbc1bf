import type { Readable } from 'node:stream';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { EXPECTED_FIELDS, type LogFileName } from '../../ingest/file-name';
import { joinSplitRecords } from '../../ingest/join-split-records';
import { LinesToTsv } from '../../ingest/lines-to-tsv';
import { FILE_SOURCE, LINES_SOURCE, parseStatement } from './sources';

/** Longest line accepted; longer ones are rejected (`line_too_long`) with their first 64 KiB kept. */
export const MAX_LINE_BYTES = 1 << 20;

/** Where a file's lines come from: ClickHouse reads the path itself, or the client streams the bytes. */
export type LineOrigin = { kind: 'path'; path: string } | { kind: 'stream'; open: () => Readable };

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

const PARTITION = '({date:Date}, {file_key:String})';

/** The routing views run side by side on each block instead of one after the other. */
const PARSE_SETTINGS = { parallel_view_processing: 1 } as ClickHouseSettings;

/**
 * Loads one raw file into `events` and `rejects`, replacing whatever an earlier attempt or an
 * earlier ingest of the same file wrote: lines are parsed once into staging partitions, then
 * swapped in with REPLACE PARTITION (atomic per partition), so a crash at any point loses nothing
 * and a retry never duplicates.
 */
export async function loadFile(ch: ClickHouseClient, name: LogFileName, origin: LineOrigin): Promise<FileCounts> {
  const keys = { lines: name.fileKey, short: `${name.fileKey}#short`, joined: `${name.fileKey}#joined` };
  const params = { date: name.date, file_key: name.fileKey, kind: name.kind, expected: EXPECTED_FIELDS[name.kind], max_line: MAX_LINE_BYTES };
  await clearStaging(ch, name); // what a crashed attempt may have left
  try {
    if (origin.kind === 'path') {
      await ch.command({ query: parseStatement(FILE_SOURCE), query_params: { ...params, path: origin.path }, clickhouse_settings: PARSE_SETTINGS });
    } else {
      await ch.insert({ table: 'ingest_lines (file_key, line_no, line)', values: origin.open().pipe(new LinesToTsv(keys.lines)), format: 'TabSeparated' });
      await ch.command({ query: parseStatement(LINES_SOURCE), query_params: { ...params, lines_key: keys.lines }, clickhouse_settings: PARSE_SETTINGS });
    }
    let census = await readCensus(ch, name.fileKey);
    const unjoined = census.short > 0 ? await rebuildSplitRecords(ch, name, params, keys) : 0;
    if (unjoined < census.short) census = await readCensus(ch, name.fileKey);
    await swapIn(ch, name);
    return {
      lines: census.lines,
      blank: census.blank,
      loaded: census.loaded,
      repaired: census.repaired,
      splitRecords: (census.short - unjoined) / 2,
      rejected: census.rejected + unjoined,
    };
  } finally {
    await clearStaging(ch, name);
  }
}

/** Joins too-short lines that belong together, parses the rebuilt records, rejects the rest. */
/** @returns the number of short lines left unjoined (rejected). */
async function rebuildSplitRecords(ch: ClickHouseClient, name: LogFileName, params: Record<string, unknown>, keys: { short: string; joined: string }): Promise<number> {
  const short = await (
    await ch.query({ query: 'SELECT line_no, line FROM ingest_lines WHERE file_key = {key:String} ORDER BY line_no', query_params: { key: keys.short }, format: 'JSONEachRow' })
  ).json<{ line_no: number; line: string }>();
  if (short.length === 0) return 0;
  const { joined, unjoined } = joinSplitRecords(short.map((s) => ({ lineNo: Number(s.line_no), line: s.line })), EXPECTED_FIELDS[name.kind]);
  if (joined.length) {
    await ch.insert({ table: 'ingest_lines', values: joined.map((r) => ({ file_key: keys.joined, line_no: r.lineNo, line: r.line, repair: 'split_record' })), format: 'JSONEachRow' });
    await ch.command({ query: parseStatement(LINES_SOURCE), query_params: { ...params, lines_key: keys.joined } });
  }
  if (unjoined.length) {
    await ch.insert({
      table: 'rejects_staging',
      values: unjoined.map((l) => ({ file_key: name.fileKey, date: name.date, line_no: l.lineNo, reason: 'too_few_fields', raw: l.line })),
      format: 'JSONEachRow',
    });
  }
  return unjoined.length;
}

/** Drops this file's partitions from the staging tables, asking first which exist (most do not). */
async function clearStaging(ch: ClickHouseClient, name: LogFileName): Promise<void> {
  const existing = await (
    await ch.query({
      query: `SELECT DISTINCT table, partition FROM system.parts
              WHERE database = currentDatabase() AND active
                AND ((table IN ('events_staging', 'rejects_staging') AND partition = {tuple:String})
                  OR (table = 'ingest_census' AND partition = {key:String})
                  OR (table = 'ingest_lines' AND partition IN ({key:String}, {short:String}, {joined:String})))`,
      // system.parts spells a tuple partition as ('2017-03-30','name') and a single value bare.
      query_params: { tuple: `('${name.date}','${name.fileKey}')`, key: name.fileKey, short: `${name.fileKey}#short`, joined: `${name.fileKey}#joined` },
      format: 'JSONEachRow',
    })
  ).json<{ table: string; partition: string }>();
  for (const { table } of existing.filter((e) => e.table === 'events_staging' || e.table === 'rejects_staging')) {
    await ch.command({ query: `ALTER TABLE ${table} DROP PARTITION ${PARTITION}`, query_params: { date: name.date, file_key: name.fileKey } });
  }
  for (const { table, partition } of existing.filter((e) => e.table === 'ingest_census' || e.table === 'ingest_lines')) {
    await ch.command({ query: `ALTER TABLE ${table} DROP PARTITION {key:String}`, query_params: { key: partition } });
  }
}

async function swapIn(ch: ClickHouseClient, name: LogFileName): Promise<void> {
  const p = { date: name.date, file_key: name.fileKey };
  for (const table of ['events', 'rejects']) {
    const query = `ALTER TABLE ${table} REPLACE PARTITION ${PARTITION} FROM ${table}_staging`;
    try {
      // A file may have no rejects (or no events): replacing with nothing is exactly what we mean.
      await ch.command({ query, query_params: p, clickhouse_settings: { allow_replace_partition_from_empty_source: 1 } as ClickHouseSettings });
    } catch (err) {
      // Servers older than the setting replace from an empty source without being asked.
      if ((err as { code?: string }).code !== '115') throw err;
      await ch.command({ query, query_params: p });
    }
  }
}

interface Census {
  lines: number;
  blank: number;
  loaded: number;
  repaired: number;
  /** Lines too short to be a record (candidates for joining). */
  short: number;
  /** Lines and rebuilt records rejected by the parse. */
  rejected: number;
}

/** Every count of a file from the census the routing views keep (physical lines exclude rebuilt records). */
async function readCensus(ch: ClickHouseClient, fileKey: string): Promise<Census> {
  const [c] = await (
    await ch.query({
      query: `SELECT
                sumIf(c.lines, repair != 'split_record') AS n_lines,
                sumIf(c.lines, status = 'blank') AS n_blank,
                sumIf(c.lines, status = 'ok') AS n_loaded,
                sumIf(c.lines, status = 'ok' AND repair != '') AS n_repaired,
                sumIf(c.lines, status = 'too_few_fields' AND repair != 'split_record') AS n_short,
                sumIf(c.lines, status NOT IN ('ok', 'blank', 'too_few_fields')) AS n_rejected
              FROM ingest_census AS c WHERE file_key = {key:String}`,
      query_params: { key: fileKey },
      format: 'JSONEachRow',
    })
  ).json<Record<`n_${keyof Census}`, string>>();
  return { lines: Number(c.n_lines), blank: Number(c.n_blank), loaded: Number(c.n_loaded), repaired: Number(c.n_repaired), short: Number(c.n_short), rejected: Number(c.n_rejected) };
}
