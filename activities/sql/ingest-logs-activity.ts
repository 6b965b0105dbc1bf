import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ingestFolder } from '../../clickhouse/ingest/ingest-folder';
import { InvalidLogFolderError } from '../../ingest/scan-folder';
import { IngestLogsInput, type IngestLogsResult } from '../../messages/activities';
import type { SqlDeps } from '../deps';
import { keepAlive, reportProgress } from '../heartbeat';

/** Per-file outcomes carried back through Temporal at most; problems come first. */
const MAX_OUTCOMES = 500;

/**
 * Ingests a folder of raw logs. Heartbeats every few seconds with the progress of the last batch
 * of files; a retry (after a crash or a lost worker) skips the files already recorded as ingested
 * and redoes the batches in flight from scratch.
 */
export function createIngestLogsActivity({ ch, engine, tmpDir }: SqlDeps) {
  return async function ingestLogs(raw: IngestLogsInput): Promise<IngestLogsResult> {
    const input = IngestLogsInput.parse(raw);
    const via = input.via === 'auto' ? (engine === 'embedded' ? 'path' : 'client') : input.via;
    if (via === 'path' && engine !== 'embedded') throw ApplicationFailure.nonRetryable('a ClickHouse server cannot read files on this machine; use via=client', 'InvalidInput');
    try {
      let progress: unknown = { filesDone: 0 };
      const summary = await keepAlive(
        () =>
          ingestFolder(ch, path.resolve(input.dir), {
            via,
            tmpDir,
            replaceChanged: input.replaceChanged,
            batchFiles: input.batchFiles,
            holder: holderName(),
            onProgress: (p) => reportProgress((progress = p)),
          }),
        () => progress,
      );
      const ordered = [...summary.outcomes].sort((a, b) => Number(a.status === 'loaded' || a.status === 'unchanged') - Number(b.status === 'loaded' || b.status === 'unchanged'));
      return { ...summary, outcomes: ordered.slice(0, MAX_OUTCOMES), outcomesTruncated: ordered.length > MAX_OUTCOMES };
    } catch (err) {
      if (err instanceof InvalidLogFolderError) throw ApplicationFailure.nonRetryable(err.message, err.type);
      throw err;
    }
  };
}

/**
 * The ingest as other ingests name it while they wait for a file it holds: the workflow and its
 * activity, the same across the activity's attempts, so a retry takes over its dead attempt's
 * claims at once. Outside a workflow (`--direct`), this process.
 */
function holderName(): string | undefined {
  try {
    const { workflowExecution, activityId } = Context.current().info;
    return `ingest workflow ${workflowExecution?.workflowId ?? '?'} (activity ${activityId})`;
  } catch {
    return undefined;
  }
}
