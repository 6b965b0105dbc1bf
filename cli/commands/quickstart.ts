import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { generateLogs } from '../../generator';
import { PipelineInput } from '../../messages/pipeline';
import { printPipelineResult } from '../print-pipeline';
import { runPipeline } from '../run-pipeline';
import { newRunId } from '../run-ids';

export function quickstartCommand(): Command {
  return new Command('quickstart')
    .description('generate realistic logs (once, into the state folder) and run the whole pipeline on them with the embedded defaults')
    .option('-u, --users <n>', 'users in the generated logs', (v) => Number(v), 4000)
    .action(async (opts: { users: number }) => {
      const settings = resolveSettings();
      const logs = path.join(settings.home, 'demo-logs', `users-${opts.users}`);
      if (!fs.existsSync(path.join(logs, 'manifest.json'))) {
        console.log(`generating ${opts.users} users × 44 days of raw logs into ${logs}…`);
        const g = await generateLogs({ outDir: logs, users: opts.users, days: 44, seed: 42 });
        console.log(`  ${g.lines} lines in ${g.files} files`);
      }
      // The generated logs end in 2017: the run is placed as of the latest ingested date.
      printPipelineResult(await runPipeline(settings, { ...PipelineInput.parse({ logsDir: logs, asOf: 'latest' }), runId: newRunId() }));
    });
}
