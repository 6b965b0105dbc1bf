import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { RunId } from '../../messages/run-id';
import { printPipelineResult } from '../print-pipeline';
import { followRun } from '../run-pipeline';

export function followCommand(): Command {
  return new Command('follow')
    .description('follow a run again (after a crash, Ctrl-C or a server restart) until it ends, and print its result; starts the local stack if none is up')
    .argument('<run-id>', 'the run id `musicbox run` printed')
    .action(async (runId: string) => {
      printPipelineResult(await followRun(resolveSettings(), RunId.parse(runId)));
    });
}
