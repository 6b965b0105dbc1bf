import { workflowInfo } from '@temporalio/workflow';
import { asOfFromTime } from '../messages/run-window';
import { SCHEDULED_START_TIME } from '../messages/search-attributes';

/**
 * The as-of date of the schedule tick that started this workflow (a backfill's past tick too):
 * the last full UTC day before the tick was due, the one rule every scheduled run follows.
 * Undefined when no schedule started it.
 */
export function scheduledAsOf(): string | undefined {
  const due = workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME);
  return due ? asOfFromTime(due) : undefined;
}
