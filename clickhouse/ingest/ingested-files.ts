import type { ClickHouseClient } from '@clickhouse/client';
import type { CandidateFile } from '../../ingest/scan-folder';
import type { FileCounts } from './load-file';

/** The latest ingested version of a file, as recorded in `ingested_files`. */
export interface IngestedFile {
  path: string;
  contentHash: string;
  sizeBytes: number;
  mtimeMs: number;
  ingestedAt: string;
}

export async function readIngestedFile(ch: ClickHouseClient, fileKey: string): Promise<IngestedFile | undefined> {
  const [row] = await (
    await ch.query({
      query: `SELECT path, content_hash, size_bytes, mtime_ms, toString(ingested_at) AS ingested_at
              FROM ingested_files WHERE file_key = {key:String} ORDER BY ingested_at DESC LIMIT 1`,
      query_params: { key: fileKey },
      format: 'JSONEachRow',
    })
  ).json<{ path: string; content_hash: string; size_bytes: string; mtime_ms: number; ingested_at: string }>();
  return row && { path: row.path, contentHash: row.content_hash, sizeBytes: Number(row.size_bytes), mtimeMs: Number(row.mtime_ms), ingestedAt: row.ingested_at };
}

export async function recordIngestedFile(ch: ClickHouseClient, file: CandidateFile, contentHash: string, counts: FileCounts): Promise<void> {
  await ch.insert({
    table: 'ingested_files',
    format: 'JSONEachRow',
    values: [
      {
        file_key: file.name.fileKey,
        path: file.path,
        date: file.name.date,
        kind: file.name.kind,
        content_hash: contentHash,
        size_bytes: file.sizeBytes,
        mtime_ms: file.mtimeMs,
        lines_read: counts.lines,
        loaded: counts.loaded,
        repaired: counts.repaired,
        rejected: counts.rejected,
        blank: counts.blank,
        split_records: counts.splitRecords,
        ingested_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
      },
    ],
  });
}
