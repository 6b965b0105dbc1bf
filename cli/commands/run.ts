import path from 'node:path';
import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { PipelineInput, type PipelineResult } from '../../messages/pipeline';
import { pipelineWorkflowId } from '../../messages/run-id';
import { TASK_QUEUES } from '../../messages/task-queues';
import { churnPipeline } from '../../workflows';
import { followProgress } from '../follow';
import { newRunId } from '../run-ids';
import { connectClient } from '../temporal-client';
import { withStack } from '../with-stack';

export function runCommand(): Command {
  return new Command('run')
    .description('run the pipeline once: start the local stack if needed, start the workflow, follow it, print the result')
    .option('--run-id <id>', 'run id keying every table and artifact of the run (default: a new one)')
    .option('--logs <dir>', 'folder of raw logs to ingest first')
    .action(async (opts: { runId?: string; logs?: string }) => {
      const settings = resolveSettings();
      const input = PipelineInput.parse({ runId: opts.runId ?? newRunId(), logsDir: opts.logs ? path.resolve(opts.logs) : undefined });
      const result = await withStack(settings, async ({ address, uiUrl }) => {
        const client = await connectClient(address, settings.temporal.namespace);
        const handle = await client.workflow.start(churnPipeline, {
          taskQueue: TASK_QUEUES.workflows,
          workflowId: pipelineWorkflowId(input.runId),
          args: [input],
        });
        console.log(`run ${input.runId}: workflow ${handle.workflowId}`);
        if (uiUrl) console.log(`  Web UI: ${uiUrl}/namespaces/${settings.temporal.namespace}/workflows/${handle.workflowId}`);
        await followProgress(handle, (line) => console.log(line));
        const value: PipelineResult = await handle.result();
        await client.connection.close();
        return value;
      }, (line) => console.log(line));
      printResult(result);
    });
}

function printResult(result: PipelineResult): void {
  const p = result.profile;
  console.log(`run ${result.runId} completed`);
  if (result.ingest) console.log(`  ingest: ${result.ingest.files} files (${result.ingest.skipped} already ingested), ${result.ingest.loaded} rows loaded (${result.ingest.repaired} repaired), ${result.ingest.rejected} lines rejected`);
  console.log(`  users ${p.users}, events ${p.events}; plays per user: median ${p.medianPlays}, p99 ${p.p99Plays.toFixed(1)}`);
  console.log(`  mean active days ${p.meanActiveDays.toFixed(2)}, share of users with downloads ${(100 * p.shareWithDownloads).toFixed(1)} %`);
  console.log(`  tables: ${result.activityTable} (run_id = '${result.runId}'); artifact: ${result.activityArtifact}`);
}
