import { workflowInfo } from '@temporalio/workflow';

/** Set by Temporal on every workflow a schedule starts: when the tick was due (a backfill's past time too). */
const SCHEDULED_START = 'TemporalScheduledStartTime';

/** The UTC date a schedule's tick was due, or undefined when no schedule started this workflow. */
export function scheduledDate(): string | undefined {
  const due = workflowInfo().typedSearchAttributes.getAll().find((pair) => pair.key.name === SCHEDULED_START)?.value;
  return due instanceof Date ? due.toISOString().slice(0, 10) : undefined;
}
