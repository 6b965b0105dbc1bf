import type { Settings } from '../config/settings';
import type { PipelineInput, PipelineResult } from '../messages/pipeline';
import { pipelineWorkflowId } from '../messages/run-id';
import { churnPipeline } from '../workflows';
import { followWorkflow, startAndFollow } from './start-and-follow';

/** Starts the pipeline for one run (starting the local stack when none is up), follows it, and returns its result. */
export async function runPipeline(settings: Settings, input: PipelineInput & { runId: string }, log: (line: string) => void = console.log): Promise<PipelineResult> {
  const followed = { what: `run ${input.runId}`, again: `musicbox follow ${input.runId}` };
  return startAndFollow(settings, churnPipeline, { workflowId: pipelineWorkflowId(input.runId), args: [input], ...followed }, log);
}

/** Follows a run started earlier (after a crash, a Ctrl-C, a server restart) to its end, and returns its result. */
export async function followRun(settings: Settings, runId: string, log: (line: string) => void = console.log): Promise<PipelineResult> {
  const followed = { what: `run ${runId}`, again: `musicbox follow ${runId}` };
  return followWorkflow(
    settings,
    followed,
    async (client, { address }) => {
      const handle = client.workflow.getHandle<typeof churnPipeline>(pipelineWorkflowId(runId));
      const described = await handle.describe().catch((err: unknown) => {
        throw new Error(`no run ${runId} on the Temporal server at ${address} (${(err as Error).message.split('\n')[0]}); list runs in the Web UI or with: temporal workflow list`);
      });
      log(`following run ${runId}: workflow ${handle.workflowId}, ${described.status.name.toLowerCase()}`);
      return handle;
    },
    log,
  );
}
