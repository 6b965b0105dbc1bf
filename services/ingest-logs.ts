import path from 'node:path';
import type { z } from 'zod';
import { ingestFolder } from '../clickhouse/ingest/ingest-folder';
import type { IngestLogsInput, IngestLogsResult } from '../messages/activities';
import type { SqlDeps } from './deps';

/** Per-file outcomes carried back through Temporal at most; problems come first. */
const MAX_OUTCOMES = 500;

/** An ingest asked for something this engine cannot do. Not retryable. */
export class InvalidIngestInput extends Error {
  readonly type = 'InvalidInput';
}

/**
 * Ingests a folder of raw logs. A retry (after a crash or a lost worker) skips the files already
 * recorded as ingested and redoes the batches in flight from scratch. `onProgress` hears of each
 * batch (the activity heartbeats with it); `holder` names this ingest to others waiting for a file
 * it claims (default: this process). Throws InvalidLogFolderError for a folder that is not one.
 */
export async function ingestLogs(
  { ch, engine, tmpDir }: Pick<SqlDeps, 'ch' | 'engine' | 'tmpDir'>,
  input: z.output<typeof IngestLogsInput>,
  { holder, onProgress }: { holder?: string; onProgress?: (progress: unknown) => void } = {},
): Promise<IngestLogsResult> {
  const via = input.via === 'auto' ? (engine === 'embedded' ? 'path' : 'client') : input.via;
  if (via === 'path' && engine !== 'embedded') throw new InvalidIngestInput('a ClickHouse server cannot read files on this machine; use via=client');
  const summary = await ingestFolder(ch, path.resolve(input.dir), { via, tmpDir, replaceChanged: input.replaceChanged, batchFiles: input.batchFiles, holder, onProgress });
  const ordered = [...summary.outcomes].sort((a, b) => Number(a.status === 'loaded' || a.status === 'unchanged') - Number(b.status === 'loaded' || b.status === 'unchanged'));
  return { ...summary, outcomes: ordered.slice(0, MAX_OUTCOMES), outcomesTruncated: ordered.length > MAX_OUTCOMES };
}
