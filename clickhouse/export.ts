import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';

export interface ExportOptions {
  /** Query parameters bound with `{name:Type}`. */
  params?: Record<string, unknown>;
  /** ClickHouse output format, default `ArrowStream`. */
  format?: 'ArrowStream' | 'Arrow' | 'Parquet';
}

/**
 * Streams a query's result, in a columnar format written by ClickHouse, into a local file.
 * The bytes travel through the client, so it works the same with a remote server. The file is
 * written under a temporary name and renamed, so a crashed attempt never leaves a half file.
 */
export async function exportQuery(ch: ClickHouseClient, query: string, file: string, options: ExportOptions = {}): Promise<number> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const result = await ch.exec({
    query: `${query}\nFORMAT ${options.format ?? 'ArrowStream'}`,
    query_params: options.params ?? {},
    // apache-arrow (the reader on the training side) has no LZ4 frame codec: write uncompressed.
    clickhouse_settings: { output_format_arrow_compression_method: 'none' },
  });
  await pipeline(result.stream, fs.createWriteStream(tmp));
  fs.renameSync(tmp, file);
  return fs.statSync(file).size;
}
