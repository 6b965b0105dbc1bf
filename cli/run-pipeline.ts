import type { Settings } from '../config/settings';
import type { PipelineInput, PipelineResult } from '../messages/pipeline';
import { pipelineWorkflowId } from '../messages/run-id';
import { TASK_QUEUES } from '../messages/task-queues';
import { churnPipeline } from '../workflows';
import { followProgress, resultOf } from './follow';
import { connectClient } from './temporal-client';
import { withStack } from './with-stack';

/** Starts the pipeline for one run (starting the local stack when none is up), follows it, and returns its result. */
export async function runPipeline(settings: Settings, input: PipelineInput, log: (line: string) => void = console.log): Promise<PipelineResult> {
  return withStack(
    settings,
    async ({ address, uiUrl, following }) => {
      const client = await connectClient(address, settings.temporal.namespace);
      try {
        const handle = await client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: pipelineWorkflowId(input.runId), args: [input] });
        log(`run ${input.runId}: workflow ${handle.workflowId}`);
        if (uiUrl) log(`  Web UI: ${uiUrl}/namespaces/${settings.temporal.namespace}/workflows/${handle.workflowId}`);
        following(`run ${input.runId}`, `musicbox follow ${input.runId}`);
        await followProgress(handle, log, { client, namespace: settings.temporal.namespace });
        return await resultOf<PipelineResult>(handle, log);
      } finally {
        await client.connection.close();
      }
    },
    log,
  );
}

/** Follows a run started earlier (after a crash, a Ctrl-C, a server restart) to its end, and returns its result. */
export async function followRun(settings: Settings, runId: string, log: (line: string) => void = console.log): Promise<PipelineResult> {
  return withStack(
    settings,
    async ({ address, following }) => {
      const client = await connectClient(address, settings.temporal.namespace);
      try {
        const handle = client.workflow.getHandle<typeof churnPipeline>(pipelineWorkflowId(runId));
        const described = await handle.describe().catch((err: unknown) => {
          throw new Error(`no run ${runId} on the Temporal server at ${address} (${(err as Error).message.split('\n')[0]}); list runs in the Web UI or with: temporal workflow list`);
        });
        log(`following run ${runId}: workflow ${handle.workflowId}, ${described.status.name.toLowerCase()}`);
        following(`run ${runId}`, `musicbox follow ${runId}`);
        await followProgress(handle, log, { client, namespace: settings.temporal.namespace });
        return await resultOf<PipelineResult>(handle, log);
      } finally {
        await client.connection.close();
      }
    },
    log,
  );
}
