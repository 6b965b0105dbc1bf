import path from 'node:path';
import { Command, Option } from 'commander';
import { resolveSettings } from '../../config/settings';
import { migrate, openClickHouse } from '../../clickhouse';
import { IngestLogsInput, type IngestLogsResult } from '../../messages/activities';
import { ingestLogs } from '../../services/ingest-logs';
import { logIngest } from '../../workflows';
import { ingestWorkflowId } from '../ingest-workflow-id';
import { printIngest } from '../print-ingest';
import { startAndFollow } from '../start-and-follow';

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
  // The id derives from the folder, so a second ingest of a folder being ingested follows the first.
  const followed = { what: `the ingest of ${input.dir}`, again: `musicbox ingest ${input.dir}` };
  return startAndFollow(settings, logIngest, { workflowId: ingestWorkflowId(input.dir), args: [input], ...followed, followIfRunning: true });
}
