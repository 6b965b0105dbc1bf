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

/**
 * Loads one raw file into `events` and `rejects`, replacing whatever an earlier attempt or an
 * earlier ingest of the same file wrote: lines are parsed once into staging partitions, then
 * swapped in with REPLACE PARTITION (atomic per partition), so a crash at any point loses nothing
 * and a retry never duplicates.
 */
export async function loadFile(ch: ClickHouseClient, name: LogFileName, origin: LineOrigin): Promise<FileCounts> {
  const keys = { lines: name.fileKey, short: `${name.fileKey}#short`, joined: `${name.fileKey}#joined` };
  const params = { date: name.date, file_key: name.fileKey, kind: name.kind, expected: EXPECTED_FIELDS[name.kind], max_line: MAX_LINE_BYTES };
  await clearStaging(ch, name, Object.values(keys));
  try {
    if (origin.kind === 'path') {
      await ch.command({ query: parseStatement(FILE_SOURCE), query_params: { ...params, path: origin.path } });
    } else {
      await ch.insert({ table: 'ingest_lines (file_key, line_no, line)', values: origin.open().pipe(new LinesToTsv(keys.lines)), format: 'TabSeparated' });
      await ch.command({ query: parseStatement(LINES_SOURCE), query_params: { ...params, lines_key: keys.lines } });
    }
    const splitRecords = await rebuildSplitRecords(ch, name, params, keys);
    await swapIn(ch, name);
    const census = await readCensus(ch, name.fileKey);
    return { ...(await countLoaded(ch, name)), lines: census.lines, blank: census.blank, splitRecords };
  } finally {
    await clearStaging(ch, name, Object.values(keys));
  }
}

/** Joins too-short lines that belong together, parses the rebuilt records, rejects the rest. */
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
  return joined.length;
}

async function clearStaging(ch: ClickHouseClient, name: LogFileName, lineKeys: string[]): Promise<void> {
  const p = { date: name.date, file_key: name.fileKey };
  await ch.command({ query: `ALTER TABLE events_staging DROP PARTITION ${PARTITION}`, query_params: p });
  await ch.command({ query: `ALTER TABLE rejects_staging DROP PARTITION ${PARTITION}`, query_params: p });
  await ch.command({ query: 'ALTER TABLE ingest_census DROP PARTITION {key:String}', query_params: { key: name.fileKey } });
  for (const key of lineKeys) await ch.command({ query: 'ALTER TABLE ingest_lines DROP PARTITION {key:String}', query_params: { key } });
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

async function readCensus(ch: ClickHouseClient, fileKey: string): Promise<{ lines: number; blank: number }> {
  const rows = await (
    await ch.query({ query: 'SELECT status, sum(lines) AS n FROM ingest_census WHERE file_key = {key:String} GROUP BY status', query_params: { key: fileKey }, format: 'JSONEachRow' })
  ).json<{ status: string; n: string }>();
  return { lines: rows.reduce((s, r) => s + Number(r.n), 0), blank: Number(rows.find((r) => r.status === 'blank')?.n ?? 0) };
}

async function countLoaded(ch: ClickHouseClient, name: LogFileName): Promise<{ loaded: number; repaired: number; rejected: number }> {
  const [row] = await (
    await ch.query({
      query: `SELECT
                (SELECT count() FROM events WHERE date = {date:Date} AND file_key = {file_key:String}) AS loaded,
                (SELECT countIf(repaired != '') FROM events WHERE date = {date:Date} AND file_key = {file_key:String}) AS repaired,
                (SELECT count() FROM rejects WHERE date = {date:Date} AND file_key = {file_key:String}) AS rejected`,
      query_params: { date: name.date, file_key: name.fileKey },
      format: 'JSONEachRow',
    })
  ).json<{ loaded: string; repaired: string; rejected: string }>();
  return { loaded: Number(row.loaded), repaired: Number(row.repaired), rejected: Number(row.rejected) };
}
