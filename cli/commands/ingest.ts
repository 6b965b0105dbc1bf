import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Command, Option } from 'commander';
import { resolveSettings } from '../../config/settings';
import { migrate, openClickHouse } from '../../clickhouse';
import { IngestLogsInput, type IngestLogsResult } from '../../messages/activities';
import { TASK_QUEUES } from '../../messages/task-queues';
import { ingestLogs } from '../../services/ingest-logs';
import { logIngest } from '../../workflows';
import { followProgress, resultOf } from '../follow';
import { ingestWorkflowId } from '../ingest-workflow-id';
import { printIngest } from '../print-ingest';
import { connectClient } from '../temporal-client';
import { withStack } from '../with-stack';

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('load a folder of raw logs (YYYYMMDD_N_{play,down,search}.log[.gz|.tar.gz]) into ClickHouse; files already ingested are skipped')
    .argument('<dir>', 'folder of raw logs')
    .option('--replace-changed', 'reload files whose content changed since they were ingested (default: report them)', false)
    .addOption(new Option('--via <how>', 'how lines reach ClickHouse: auto (the engine reads files itself when embedded), path, client').choices(['auto', 'path', 'client']).default('auto'))
    .option('--batch-files <n>', 'most files of one kind loaded by one statement (1-64, default 64; fewer resume at a finer grain after a crash)', (v) => Number(v))
    .option('--direct', 'run in this process instead of as a workflow (the embedded engine must not be held by a worker)', false)
    .action(async (dir: string, opts: { replaceChanged: boolean; via: 'auto' | 'path' | 'client'; batchFiles?: number; direct: boolean }) => {
      const settings = resolveSettings();
      const input = IngestLogsInput.parse({ dir: path.resolve(dir), replaceChanged: opts.replaceChanged, via: opts.via, batchFiles: opts.batchFiles });
      const result = opts.direct ? await ingestDirect(settings, input) : await ingestThroughWorkflow(settings, input);
      printIngest(result);
      if (result.problemFiles > 0) process.exitCode = 2;
    });
}

async function ingestDirect(settings: ReturnType<typeof resolveSettings>, input: IngestLogsInput): Promise<IngestLogsResult> {
  const ch = await openClickHouse(settings);
  try {
    await migrate(ch);
    return await ingestLogs({ ch, engine: settings.clickhouse.kind, tmpDir: path.join(settings.home, 'tmp') }, IngestLogsInput.parse(input));
  } finally {
    await ch.close();
  }
}

async function ingestThroughWorkflow(settings: ReturnType<typeof resolveSettings>, input: IngestLogsInput): Promise<IngestLogsResult> {
  return withStack(settings, async ({ address, following }) => {
    const client = await connectClient(address, settings.temporal.namespace);
    try {
      const workflowId = ingestWorkflowId(input.dir);
      let handle;
      try {
        handle = await client.workflow.start(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId, args: [input] });
        console.log(`ingesting ${input.dir}: workflow ${handle.workflowId}`);
      } catch (err) {
        // Temporal refuses a second workflow with this id while the first runs: follow that one.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        handle = client.workflow.getHandle<typeof logIngest>(workflowId);
        console.log(`an ingest of ${input.dir} is already running (workflow ${workflowId}); following it instead of starting a second`);
      }
      following(`the ingest of ${input.dir}`, `musicbox ingest ${input.dir}`);
      await followProgress(handle, (line) => console.log(line), { client, namespace: settings.temporal.namespace });
      return await resultOf<IngestLogsResult>(handle, (line) => console.log(line));
    } finally {
      await client.connection.close();
    }
  }, (line) => console.log(line));
}
