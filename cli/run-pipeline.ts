import type { Settings } from '../config/settings';
import type { PipelineInput, PipelineResult } from '../messages/pipeline';
import { pipelineWorkflowId } from '../messages/run-id';
import { TASK_QUEUES } from '../messages/task-queues';
import { churnPipeline } from '../workflows';
import { followProgress } from './follow';
import { connectClient } from './temporal-client';
import { withStack } from './with-stack';

/** Starts the pipeline for one run (starting the local stack when none is up), follows it, and returns its result. */
export async function runPipeline(settings: Settings, input: PipelineInput, log: (line: string) => void = console.log): Promise<PipelineResult> {
  return withStack(
    settings,
    async ({ address, uiUrl }) => {
      const client = await connectClient(address, settings.temporal.namespace);
      try {
        const handle = await client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: pipelineWorkflowId(input.runId), args: [input] });
        log(`run ${input.runId}: workflow ${handle.workflowId}`);
        if (uiUrl) log(`  Web UI: ${uiUrl}/namespaces/${settings.temporal.namespace}/workflows/${handle.workflowId}`);
        await followProgress(handle, log);
        return await handle.result();
      } finally {
        await client.connection.close();
      }
    },
    log,
  );
}
