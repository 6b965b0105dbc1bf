import path from 'node:path';
import { spawn } from 'node:child_process';
import { Command, Argument } from 'commander';
import { PROJECT_ROOT } from '../../temporal/binary';

export function workerCommand(): Command {
  return new Command('worker')
    .description('run one worker in the foreground against TEMPORAL_ADDRESS (default the local dev server); Ctrl-C stops it gracefully')
    .addArgument(new Argument('<kind>', 'which task queue to serve').choices(['sql', 'training']))
    .action(async (kind: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'workers', `${kind}-worker.ts`)], { stdio: 'inherit' });
      // The child receives the terminal's SIGINT itself; wait for its graceful exit.
      process.on('SIGINT', () => undefined);
      process.on('SIGTERM', () => child.kill('SIGTERM'));
      const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
      process.exitCode = code;
    });
}
