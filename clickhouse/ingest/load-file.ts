import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { EXPECTED_FIELDS, type LogFileName } from '../../ingest/file-name';
import { LinesToTsv } from '../../ingest/lines-to-tsv';
import { dropAttempt, newAttemptId } from './attempts';
import { countsOf, readCensus, type FileCounts } from './census';
import { literalSource } from './literal-paths';
import { dropFilePartitions, STAGING_TABLES, STORED_TABLES, swapIn } from './partitions';
import { rebuildSplitRecords } from './split-records';
import { FILE_SOURCE, LINES_SOURCE, parseStatement, type LineSource } from './sources';

/** Longest line accepted; longer ones are rejected (`line_too_long`) with their first 64 KiB kept. */
export const MAX_LINE_BYTES = 1 << 20;

/** Where a file's lines come from: ClickHouse reads the path itself, or the client streams the bytes. */
export type LineOrigin = { kind: 'path'; path: string } | { kind: 'stream'; open: () => Readable };

export interface FileToLoad {
  name: LogFileName;
  origin: LineOrigin;
}

export interface LoadOptions {
  /** The files' keys may have rows in events or rejects already: load through staging. */
  staged: boolean;
  /** Folders where links to files under a path with glob characters may be made (see literalSource). */
  linkRoots?: string[];
}

/**
 * The routing views run side by side on each block instead of one after the other. Insert blocks
 * of 256 Ki rows instead of the engine's 1 Mi: a batch of files then peaks at half the memory
 * (seed scale: 1.2 GB against 2.3–2.5 GB for the whole process) in the same time; blocks of
 * 512 Ki rows peaked at 1.6 GB.
 */
const PARSE_SETTINGS = { parallel_view_processing: 1, max_insert_block_size: '262144', min_insert_block_size_rows: '262144' } as ClickHouseSettings;

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
export async function loadFiles(ch: ClickHouseClient, files: FileToLoad[], { staged, linkRoots = [] }: LoadOptions): Promise<FileCounts[]> {
  const kinds = new Set(files.map((f) => f.name.kind));
  if (kinds.size !== 1) throw new Error(`loadFiles takes files of one kind, got ${[...kinds].join(', ')}`);
  const names = files.map((f) => f.name);
  const attempt: Attempt = { id: newAttemptId(), staged: staged ? 1 : 0 };
  if (staged) await dropFilePartitions(ch, STAGING_TABLES, names); // what a crashed attempt may have left
  let loaded = false;
  try {
    await parseFiles(ch, files, attempt, linkRoots);
    let census = await readCensus(ch, attempt.id, names);
    const { unjoined, joinedSources } = await rebuildSplitRecords(ch, attempt, names, census);
    if (joinedSources.length) {
      await parse(ch, attempt, LINES_SOURCE, joinedSources);
      census = await readCensus(ch, attempt.id, names);
    }
    if (staged) await swapIn(ch, names);
    loaded = true;
    return names.map((n) => countsOf(census.get(n.fileKey)!, unjoined.get(n.fileKey)!));
  } finally {
    await dropAttempt(ch, attempt.id);
    if (staged) await dropFilePartitions(ch, STAGING_TABLES, names);
    else if (!loaded) await dropFilePartitions(ch, STORED_TABLES, names);
  }
}

/** Parses every line of the files: files read by path in one statement, streamed ones sent first. */
async function parseFiles(ch: ClickHouseClient, files: FileToLoad[], attempt: Attempt, linkRoots: string[]): Promise<void> {
  const byPath = files.flatMap((f) => (f.origin.kind === 'path' ? [{ name: f.name, path: f.origin.path }] : []));
  if (byPath.length) {
    const source = literalSource(byPath.map((f) => f.path), linkRoots);
    try {
      const sources = byPath.map((f) => ({ source: path.basename(f.path), name: f.name }));
      await parse(ch, attempt, FILE_SOURCE, sources, { path: source.path });
    } finally {
      source.release();
    }
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
