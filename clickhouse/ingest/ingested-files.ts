import type { ClickHouseClient } from '@clickhouse/client';
import type { CandidateFile } from '../../ingest/scan-folder';
import type { FileCounts } from './census';

/** The latest ingested version of a file, as recorded in `ingested_files`. */
export interface IngestedFile {
  path: string;
  contentHash: string;
  sizeBytes: number;
  mtimeMs: number;
  ingestedAt: string;
  /** What the load of that version counted. */
  counts: FileCounts;
}

/** The latest ingested version of each of the given files that was ingested before, by file key. */
export async function readIngestedFiles(ch: ClickHouseClient, fileKeys: string[]): Promise<Map<string, IngestedFile>> {
  if (fileKeys.length === 0) return new Map();
  const rows = await (
    await ch.query({
      query: `SELECT file_key, path, content_hash, size_bytes, mtime_ms, toString(ingested_at) AS ingested_at,
                     lines_read, loaded, repaired, rejected, blank, split_records
              FROM ingested_files WHERE file_key IN {keys:Array(String)}
              ORDER BY ingested_at DESC LIMIT 1 BY file_key`,
      query_params: { keys: fileKeys },
      format: 'JSONEachRow',
    })
  ).json<{ file_key: string; path: string; content_hash: string; size_bytes: string; mtime_ms: number; ingested_at: string } & Record<
    'lines_read' | 'loaded' | 'repaired' | 'rejected' | 'blank' | 'split_records',
    string
  >>();
  return new Map(
    rows.map((row) => [
      row.file_key,
      {
        path: row.path,
        contentHash: row.content_hash,
        sizeBytes: Number(row.size_bytes),
        mtimeMs: Number(row.mtime_ms),
        ingestedAt: row.ingested_at,
        counts: {
          lines: Number(row.lines_read), loaded: Number(row.loaded), repaired: Number(row.repaired),
          rejected: Number(row.rejected), blank: Number(row.blank), splitRecords: Number(row.split_records),
        },
      },
    ]),
  );
}

export interface IngestedFileRecord {
  file: CandidateFile;
  contentHash: string;
  counts: FileCounts;
}

export async function recordIngestedFiles(ch: ClickHouseClient, records: IngestedFileRecord[]): Promise<void> {
  const ingestedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await ch.insert({
    table: 'ingested_files',
    format: 'JSONEachRow',
    values: records.map(({ file, contentHash, counts }) => ({
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
      ingested_at: ingestedAt,
    })),
  });
}
