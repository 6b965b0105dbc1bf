import { IngestLogsInput, type IngestLogsResult } from '../messages/activities';
import { sql } from './activity-stubs';
import { parseWorkflowInput } from './workflow-input';

/** Ingests a folder of raw logs on its own (`musicbox ingest`): one durable, resumable activity. */
export async function logIngest(input: IngestLogsInput): Promise<IngestLogsResult> {
  return sql.ingestLogs(parseWorkflowInput('logIngest', IngestLogsInput, input));
}
