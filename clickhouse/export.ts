import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { writeAtomically } from '../artifacts/atomic-file';
import { ClickHouseStore, LocalFolderStore, type ArtifactStore } from '../artifacts/store';
import { isEmbedded } from './client';

export interface ExportOptions {
  /** Query parameters bound with `{name:Type}`. */
  params?: Record<string, unknown>;
  /** ClickHouse output format, default `ArrowStream`. */
  format?: 'ArrowStream' | 'Arrow' | 'Parquet';
  /**
   * `engine`: the embedded engine writes the file itself (`INTO OUTFILE`), a third faster for
   * millions of rows; `client`: the bytes stream through the client, which works with a server
   * too. Default: `engine` on the embedded engine, else `client`. Both write the same bytes.
   */
  via?: 'engine' | 'client';
}

/** apache-arrow (the reader on the training side) has no LZ4 frame codec: exports are written uncompressed. */
const EXPORT_SETTINGS = { output_format_arrow_compression_method: 'none' } as const;

/** A string literal for SQL text (INTO OUTFILE takes no query parameter). */
function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Writes a query's result, in a columnar format written by ClickHouse, into a local file. The
 * file is written under a temporary name and renamed, so a crashed attempt never leaves a half file.
 */
export async function exportQuery(ch: ClickHouseClient, query: string, file: string, options: ExportOptions = {}): Promise<number> {
  const format = options.format ?? 'ArrowStream';
  const request = { query_params: options.params ?? {}, clickhouse_settings: EXPORT_SETTINGS };
  const byEngine = (options.via ?? (isEmbedded(ch) ? 'engine' : 'client')) === 'engine';
  await writeAtomically(file, async (tmp) => {
    if (byEngine) {
      await ch.command({ query: `${query}\nINTO OUTFILE ${sqlString(tmp)} TRUNCATE FORMAT ${format}`, ...request });
    } else {
      const result = await ch.exec({ query: `${query}\nFORMAT ${format}`, ...request });
      await pipeline(result.stream, fs.createWriteStream(tmp));
    }
  });
  return fs.statSync(file).size;
}

/**
 * Makes a query's result the artifact `key`. Into the local folder the embedded engine writes the
 * file itself (the fast path); into ClickHouse only the query is recorded and a reader runs it,
 * so an export's bytes are never stored or copied (the tables it reads are the run's own, written
 * before this step).
 * @returns bytes written (0 for a recorded query: nothing is written).
 */
export async function exportToStore(ch: ClickHouseClient, query: string, store: ArtifactStore, key: string, options: ExportOptions = {}): Promise<number> {
  if (store instanceof LocalFolderStore) return exportQuery(ch, query, store.pathOf(key), options);
  if (!(store instanceof ClickHouseStore)) throw new Error(`cannot export into ${store.location}: exports go to the local folder or to ClickHouse`);
  await store.putQuery(key, `${query}\nFORMAT ${options.format ?? 'ArrowStream'}`, options.params ?? {}, EXPORT_SETTINGS);
  return 0;
}
