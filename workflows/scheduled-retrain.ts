import { workflowInfo } from '@temporalio/workflow';
import { asOfFromTime } from '../messages/run-window';
import { ScheduledRetrainInput, type ScheduledRetrainResult } from '../messages/service';
import { serviceClient } from './activity-stubs';
import { scheduledAsOf } from './scheduled-date';
import { parseWorkflowInput } from './workflow-input';

/**
 * What a retrain schedule starts: hands one retrain request, placed at the schedule's date, to
 * the service (starting it if it is not running), so scheduled and ad-hoc retrains share one queue
 * and one champion guard. The tick's workflow id is the request's idempotency key: a retried tick
 * merges into its first request.
 */
export async function scheduledRetrain(rawInput: ScheduledRetrainInput = {}): Promise<ScheduledRetrainResult> {
  const input = parseWorkflowInput('scheduledRetrain', ScheduledRetrainInput, rawInput ?? {});
  const info = workflowInfo();
  // Explicit, else the tick's as-of date (a backfill's past tick too), else the day before it was started by hand.
  const asOf = input.asOf ?? scheduledAsOf() ?? asOfFromTime(info.startTime);
  const requestId = `${info.workflowId}`;
  // The request as given (validated above), so the pipeline applies its own defaults.
  await serviceClient.signalWithStartService({ workflowId: input.serviceWorkflowId, request: { ...rawInput.request, asOf, requestId } });
  return { serviceWorkflowId: input.serviceWorkflowId, asOf, requestId };
}
