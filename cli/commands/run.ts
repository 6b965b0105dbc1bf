import path from 'node:path';
import { Command, Option } from 'commander';
import { resolveSettings } from '../../config/settings';
import { PipelineBranch, PipelineInput } from '../../messages/pipeline';
import { printPipelineResult } from '../print-pipeline';
import { runPipeline } from '../run-pipeline';
import { runIdOption } from '../run-id-option';
import { newRunId } from '../run-ids';

export function runCommand(): Command {
  return new Command('run')
    .description('run the pipeline once: start the local stack if needed, start the workflow, follow it, print the result')
    .addOption(runIdOption('run id keying every table and artifact of the run (default: a new one)'))
    .option('--logs <dir>', 'folder of raw logs to ingest first')
    .option('--as-of <date>', 'last day whose data the run reads, YYYY-MM-DD, or "latest" (the latest ingested date); the snapshot is this minus the label window', 'latest')
    .option('--snapshot <date>', 'last day of the feature window, YYYY-MM-DD (instead of --as-of)')
    .addOption(new Option('--only <branch>', 'run only this branch after the feature stage').choices(PipelineBranch.options))
    .action(async (opts: { runId?: string; logs?: string; asOf: string; snapshot?: string; only?: PipelineBranch }) => {
      const settings = resolveSettings();
      const input = PipelineInput.parse({
        asOf: opts.asOf,
        logsDir: opts.logs ? path.resolve(opts.logs) : undefined,
        features: opts.snapshot ? { snapshotDate: opts.snapshot } : undefined,
        branches: opts.only ? [opts.only] : undefined,
      });
      printPipelineResult(await runPipeline(settings, { ...input, runId: opts.runId ?? newRunId() }));
    });
}
