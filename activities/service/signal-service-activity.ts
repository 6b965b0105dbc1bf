import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { RetrainRequest, SERVICE_MESSAGES } from '../../messages/service';
import { TASK_QUEUES } from '../../messages/task-queues';

export const SignalServiceInput = z.object({ workflowId: z.string().min(1), request: RetrainRequest });
export type SignalServiceInput = z.input<typeof SignalServiceInput>;

/** Where the activity reaches Temporal: the worker's own server and namespace. */
export interface ServiceClientDeps {
  address: string;
  namespace: string;
}

/**
 * Hands a retrain request to the service, starting the service first if it is not running
 * (signal-with-start: a workflow cannot do that itself). The request's idempotency key makes a
 * retried attempt merge into the first instead of queuing a second run.
 */
export function createServiceClientActivities({ address, namespace }: ServiceClientDeps) {
  let client: Promise<Client> | undefined;
  const connect = () => (client ??= Connection.connect({ address }).then((connection) => new Client({ connection, namespace })));

  async function signalWithStartService(raw: SignalServiceInput): Promise<{ workflowId: string; executionRunId: string }> {
    SignalServiceInput.parse(raw);
    // Sent as given once valid: the service queues requests without defaults filled in.
    const { workflowId, request } = raw;
    const handle = await (await connect()).workflow.signalWithStart('musicboxService', {
      workflowId,
      taskQueue: TASK_QUEUES.workflows,
      args: [{}],
      signal: SERVICE_MESSAGES.retrain,
      signalArgs: [request],
    });
    return { workflowId, executionRunId: handle.signaledRunId };
  }

  return { signalWithStartService };
}

export type ServiceClientActivities = ReturnType<typeof createServiceClientActivities>;
