import { Context } from '@temporalio/activity';
import { IngestLogsInput, type IngestLogsResult } from '../../messages/activities';
import { ingestLogs } from '../../services/ingest-logs';
import { adapt } from '../adapter';
import type { SqlDeps } from '../deps';
import { keepAlive, reportProgress } from '../heartbeat';

/**
 * Ingests a folder of raw logs (services/ingest-logs.ts), heartbeating every few seconds with the
 * progress of the last batch of files, so a lost worker's files are retried soon.
 */
export function createIngestLogsActivity(deps: SqlDeps) {
  return (raw: IngestLogsInput): Promise<IngestLogsResult> =>
    adapt(IngestLogsInput, raw, (input) => {
      let progress: unknown = { filesDone: 0 };
      return keepAlive(() => ingestLogs(deps, input, { holder: holderName(), onProgress: (p) => reportProgress((progress = p)) }), () => progress);
    });
}

/**
 * The ingest as other ingests name it while they wait for a file it holds: the workflow and its
 * activity, the same across the activity's attempts, so a retry takes over its dead attempt's
 * claims at once.
 */
function holderName(): string {
  const { workflowExecution, activityId } = Context.current().info;
  return `ingest workflow ${workflowExecution?.workflowId ?? '?'} (activity ${activityId})`;
}
