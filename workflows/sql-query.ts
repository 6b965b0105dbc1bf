import { RunQueryInput, type RunQueryResult } from '../messages/activities';
import { sqlShort } from './activity-stubs';
import { parseWorkflowInput } from './workflow-input';

/** Runs one query on the SQL worker's engine: how `musicbox sql` reaches an embedded engine a worker holds. */
export async function sqlQuery(input: RunQueryInput): Promise<RunQueryResult> {
  return sqlShort.runQuery(parseWorkflowInput('sqlQuery', RunQueryInput, input));
}
