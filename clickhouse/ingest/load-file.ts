import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { EXPECTED_FIELDS, type LogFileName } from '../../ingest/file-name';
import { joinSplitRecords } from '../../ingest/join-split-records';
import { LinesToTsv } from '../../ingest/lines-to-tsv';
import { FILE_SOURCE, LINES_SOURCE, parseStatement, type LineSource } from './sources';

/** Longest line accepted; longer ones are rejected (`line_too_long`) with their first 64 KiB kept. */
export const MAX_LINE_BYTES = 1 << 20;

/** Where a file's lines come from: ClickHouse reads the path itself, or the client streams the bytes. */
export type LineOrigin = { kind: 'path'; path: string } | { kind: 'stream'; open: () => Readable };

export interface FileToLoad {
  name: LogFileName;
  origin: LineOrigin;
}

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

/** The routing views run side by side on each block instead of one after the other. */
const PARSE_SETTINGS = { parallel_view_processing: 1 } as ClickHouseSettings;

/** One load of a group of files: its key in the transient tables, and where its rows go. */
interface Attempt {
  id: string;
  /** 1: into the staging twins, then swapped in; 0: straight into events and rejects. */
  staged: 0 | 1;
}

/**
 * Loads raw files of one kind into `events` and `rejects`. Every line is parsed once and routed;
 * a retry never duplicates and a crash loses nothing:
 * - `staged: false`, for files whose keys have no rows there yet: straight in. If the load fails,
 *   whatever it wrote for these files is dropped again; what a crash leaves is found by
 *   `filesWithRows` on the next ingest, which then loads those files staged.
 * - `staged: true`, for files that may already have rows (an earlier version, a crashed attempt):
 *   into the staging twins, then swapped in with REPLACE PARTITION (atomic per partition), so the
 *   rows already stored stay whole until the new ones replace them.
 * Files read by path must share a folder: they are parsed by one statement, which spares the
 * per-statement cost of loading them one by one.
 * @returns the counts of each file, in the order given
 */
export async function loadFiles(ch: ClickHouseClient, files: FileToLoad[], { staged }: { staged: boolean }): Promise<FileCounts[]> {
  const kinds = new Set(files.map((f) => f.name.kind));
  if (kinds.size !== 1) throw new Error(`loadFiles takes files of one kind, got ${[...kinds].join(', ')}`);
  const names = files.map((f) => f.name);
  const attempt: Attempt = { id: `${Date.now()}-${randomUUID()}`, staged: staged ? 1 : 0 };
  if (staged) await dropFilePartitions(ch, STAGING_TABLES, names); // what a crashed attempt may have left
  let loaded = false;
  try {
    await parseFiles(ch, files, attempt);
    let census = await readCensus(ch, attempt, names);
    const unjoined = await rebuildSplitRecords(ch, attempt, names, census);
    if (names.some((n) => unjoined.get(n.fileKey)! < census.get(n.fileKey)!.short)) census = await readCensus(ch, attempt, names);
    if (staged) await swapIn(ch, names);
    loaded = true;
    return names.map((n) => countsOf(census.get(n.fileKey)!, unjoined.get(n.fileKey)!));
  } finally {
    await dropAttempt(ch, attempt.id);
    if (staged) await dropFilePartitions(ch, STAGING_TABLES, names);
    else if (!loaded) await dropFilePartitions(ch, ['events', 'rejects'], names);
  }
}

function countsOf(census: Census, unjoined: number): FileCounts {
  return {
    lines: census.lines,
    blank: census.blank,
    loaded: census.loaded,
    repaired: census.repaired,
    splitRecords: (census.short - unjoined) / 2,
    rejected: census.rejected + unjoined,
  };
}

/** Parses every line of the files into the staging tables: files read by path in one statement, streamed ones sent first. */
async function parseFiles(ch: ClickHouseClient, files: FileToLoad[], attempt: Attempt): Promise<void> {
  const byPath = files.flatMap((f) => (f.origin.kind === 'path' ? [{ name: f.name, path: f.origin.path }] : []));
  if (byPath.length) {
    const sources = byPath.map((f) => ({ source: path.basename(f.path), name: f.name }));
    await parse(ch, attempt, FILE_SOURCE, sources, { path: pathGlob(byPath.map((f) => f.path)) });
  }
  const streamed = files.flatMap((f) => (f.origin.kind === 'stream' ? [{ name: f.name, open: f.origin.open }] : []));
  for (const f of streamed) {
    const values = f.open().pipe(new LinesToTsv(attempt.id, f.name.fileKey));
    await ch.insert({ table: 'ingest_lines (attempt, file_key, line_no, line)', values, format: 'TabSeparated' });
  }
  if (streamed.length) await parse(ch, attempt, LINES_SOURCE, streamed.map((f) => ({ source: f.name.fileKey, name: f.name })));
}

/** One statement parsing the lines of a source whose rows name their file in `source`. */
async function parse(
  ch: ClickHouseClient,
  attempt: Attempt,
  statement: LineSource,
  sources: { source: string; name: LogFileName }[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const { kind } = sources[0].name;
  await ch.command({
    query: parseStatement(statement, kind),
    query_params: {
      ...extra,
      attempt: attempt.id,
      staged: attempt.staged,
      sources: sources.map((s) => s.source),
      file_keys: sources.map((s) => s.name.fileKey),
      dates: sources.map((s) => s.name.date),
      kind,
      expected: EXPECTED_FIELDS[kind],
      max_line: MAX_LINE_BYTES,
    },
    clickhouse_settings: PARSE_SETTINGS,
  });
}

/** The path file() reads: the file itself, or `folder/{a,b,…}` for several files of one folder. */
export function pathGlob(paths: string[]): string {
  if (paths.length === 1) return paths[0];
  const folder = path.dirname(paths[0]);
  const names = paths.map((p) => path.basename(p));
  if (paths.some((p) => path.dirname(p) !== folder)) throw new Error('files parsed together must share a folder');
  // Log names are validated (digits, letters, `_`, `.`), so none can break the brace list.
  if (names.some((n) => /[{},*?]/.test(n))) throw new Error(`file names unfit for a glob: ${names.join(', ')}`);
  return path.join(folder, `{${names.join(',')}}`);
}

/** Joins too-short lines that belong together, parses the rebuilt records, rejects the rest. */
/** @returns per file key, the number of short lines left unjoined (rejected). */
async function rebuildSplitRecords(ch: ClickHouseClient, attempt: Attempt, names: LogFileName[], census: Map<string, Census>): Promise<Map<string, number>> {
  const unjoinedCounts = new Map(names.map((n) => [n.fileKey, 0]));
  const withShort = names.filter((n) => census.get(n.fileKey)!.short > 0);
  if (withShort.length === 0) return unjoinedCounts;
  const shortLines = await readShortLines(ch, attempt, withShort);
  const joinedSources: { source: string; name: LogFileName }[] = [];
  const joinedRows: Record<string, unknown>[] = [];
  const rejectRows: Record<string, unknown>[] = [];
  for (const name of withShort) {
    const { joined, unjoined } = joinSplitRecords(shortLines.get(name.fileKey) ?? [], EXPECTED_FIELDS[name.kind]);
    const joinedKey = `${name.fileKey}#joined`;
    if (joined.length) joinedSources.push({ source: joinedKey, name });
    joinedRows.push(...joined.map((r) => ({ attempt: attempt.id, file_key: joinedKey, line_no: r.lineNo, line: r.line, repair: 'split_record' })));
    rejectRows.push(...unjoined.map((l) => ({ file_key: name.fileKey, date: name.date, line_no: l.lineNo, reason: 'too_few_fields', raw: l.line, staged: attempt.staged })));
    unjoinedCounts.set(name.fileKey, unjoined.length);
  }
  if (joinedRows.length) {
    await ch.insert({ table: 'ingest_lines', values: joinedRows, format: 'JSONEachRow' });
    await parse(ch, attempt, LINES_SOURCE, joinedSources);
  }
  // through ingest_rejects, whose views send them where the parsed rejects went
  if (rejectRows.length) await ch.insert({ table: 'ingest_rejects', values: rejectRows, format: 'JSONEachRow' });
  return unjoinedCounts;
}

/** The too-short lines the parse set aside, per file key, in line order. */
async function readShortLines(ch: ClickHouseClient, attempt: Attempt, names: LogFileName[]): Promise<Map<string, { lineNo: number; line: string }[]>> {
  const rows = await (
    await ch.query({
      query: 'SELECT file_key, line_no, line FROM ingest_lines WHERE attempt = {attempt:String} AND file_key IN {keys:Array(String)} ORDER BY file_key, line_no',
      query_params: { attempt: attempt.id, keys: names.map((n) => `${n.fileKey}#short`) },
      format: 'JSONEachRow',
    })
  ).json<{ file_key: string; line_no: number; line: string }>();
  const byFile = new Map<string, { lineNo: number; line: string }[]>();
  for (const r of rows) {
    const key = r.file_key.slice(0, -'#short'.length);
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key)!.push({ lineNo: Number(r.line_no), line: r.line });
  }
  return byFile;
}

const STAGING_TABLES = ['events_staging', 'rejects_staging'];

/** system.parts spells a (date, file key) partition as ('2017-03-30','name'). */
const partitionOf = (n: LogFileName) => `('${n.date}','${n.fileKey}')`;

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
async function dropFilePartitions(ch: ClickHouseClient, tables: string[], names: LogFileName[]): Promise<void> {
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
  const found = new Set((await filePartitions(ch, ['events', 'rejects'], names)).flatMap((p) => p.keys));
  return new Set(names.filter((n) => found.has(partitionOf(n))).map((n) => n.fileKey));
}

const TRANSIENT_TABLES = ['ingest_census', 'ingest_lines'];

/** Drops what a load attempt kept in the transient tables (dropping an absent partition is a no-op). */
async function dropAttempt(ch: ClickHouseClient, attempt: string): Promise<void> {
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

async function swapIn(ch: ClickHouseClient, names: LogFileName[]): Promise<void> {
  const params = Object.fromEntries(names.flatMap((n, i) => [[`date${i}`, n.date], [`key${i}`, n.fileKey]]));
  for (const table of ['events', 'rejects']) {
    const query = `ALTER TABLE ${table} ${names.map((_, i) => `REPLACE PARTITION ({date${i}:Date}, {key${i}:String}) FROM ${table}_staging`).join(', ')}`;
    try {
      // A file may have no rejects (or no events): replacing with nothing is exactly what we mean.
      await ch.command({ query, query_params: params, clickhouse_settings: { allow_replace_partition_from_empty_source: 1 } as ClickHouseSettings });
    } catch (err) {
      // Servers older than the setting replace from an empty source without being asked.
      if ((err as { code?: string }).code !== '115') throw err;
      await ch.command({ query, query_params: params });
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

const EMPTY_CENSUS: Census = { lines: 0, blank: 0, loaded: 0, repaired: 0, short: 0, rejected: 0 };

/** Every count of each file from the census the routing views keep (physical lines exclude rebuilt records). */
async function readCensus(ch: ClickHouseClient, attempt: Attempt, names: LogFileName[]): Promise<Map<string, Census>> {
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
      query_params: { attempt: attempt.id, keys: names.map((n) => n.fileKey) },
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
