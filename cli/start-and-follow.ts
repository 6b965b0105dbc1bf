import { WorkflowExecutionAlreadyStartedError, type Client, type Workflow, type WorkflowHandle, type WorkflowResultType, type WorkflowStartOptions } from '@temporalio/client';
import type { Settings } from '../config/settings';
import { TASK_QUEUES } from '../messages/task-queues';
import { followProgress, resultOf } from './follow';
import { connectClient } from './temporal-client';
import { withStack, type StackContext } from './with-stack';

/** What a command follows: said on Ctrl-C, with the command that follows it again. */
export interface Followed {
  /** e.g. `run r1`, `the ingest of /logs`. */
  what: string;
  /** e.g. `musicbox follow r1`; without it, Ctrl-C says only that following stopped. */
  again?: string;
}

/**
 * Follows one workflow on the stack (the running one, or one started for this command): `open`
 * starts or finds it; its activities are printed until it closes, and its result is returned.
 * The client's connection is closed however the workflow ends.
 */
export async function followWorkflow<R>(
  settings: Settings,
  followed: Followed,
  open: (client: Client, stack: StackContext) => Promise<WorkflowHandle>,
  log: (line: string) => void = console.log,
): Promise<R> {
  return withStack(
    settings,
    async (stack) => {
      const client = await connectClient(stack.address, settings.temporal.namespace);
      try {
        const handle = await open(client, stack);
        if (followed.again) stack.following(followed.what, followed.again);
        await followProgress(handle, log, { client, namespace: settings.temporal.namespace });
        return await resultOf<R>(handle, log);
      } finally {
        await client.connection.close();
      }
    },
    log,
  );
}

/** Start options (`workflowId`, `args`; the task queue is the workflows' queue), and what is followed. */
export type StartAndFollowOptions<W extends Workflow> = Omit<WorkflowStartOptions<W>, 'taskQueue'> &
  Followed & {
    /**
     * When a workflow with this id is already running, follow it instead of failing: for work whose
     * id says what it does (an ingest of one folder), where a second start would only repeat the first.
     */
    followIfRunning?: boolean;
  };

/** Starts a workflow, prints its id and Web UI link, and follows it to its result ({@link followWorkflow}). */
export async function startAndFollow<W extends Workflow>(
  settings: Settings,
  workflow: W,
  options: StartAndFollowOptions<W>,
  log: (line: string) => void = console.log,
): Promise<WorkflowResultType<W>> {
  const { what, again, followIfRunning, ...start } = options;
  return followWorkflow(
    settings,
    { what, again },
    async (client, { uiUrl }) => {
      let handle: WorkflowHandle<W>;
      try {
        // TypeScript cannot resolve the SDK's conditional `args` type for a generic W: widen, then narrow.
        handle = await client.workflow.start(workflow, { ...start, taskQueue: TASK_QUEUES.workflows } as unknown as WorkflowStartOptions<W>);
        log(`${what}: workflow ${handle.workflowId}`);
      } catch (err) {
        // Temporal refuses a second workflow with this id while the first runs.
        if (!followIfRunning || !(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        handle = client.workflow.getHandle<W>(start.workflowId);
        log(`${what} is already running (workflow ${start.workflowId}); following it instead of starting a second`);
      }
      if (uiUrl) log(`  Web UI: ${uiUrl}/namespaces/${settings.temporal.namespace}/workflows/${handle.workflowId}`);
      return handle;
    },
    log,
  );
}
