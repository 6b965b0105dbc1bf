import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { startStack } from '../stack';
import { removeStackFile, writeStackFile } from '../stack-file';

export function upCommand(): Command {
  return new Command('up')
    .description('start the local stack (Temporal dev server with Web UI unless TEMPORAL_ADDRESS is set, SQL and training workers) and keep it running until Ctrl-C')
    .action(async () => {
      const settings = resolveSettings();
      const stack = await startStack(settings, { echoWorkers: true });
      writeStackFile(settings, { pid: process.pid, address: stack.address, uiUrl: stack.uiUrl });
      console.log(`musicbox is up: Temporal ${stack.address}${stack.uiUrl ? `, Web UI ${stack.uiUrl}` : ''}; Ctrl-C stops it`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      console.log('stopping…');
      removeStackFile(settings);
      await stack.stop();
    });
}
