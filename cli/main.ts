import { Command } from 'commander';
import { debugRequested } from '../config/settings';
import { generateCommand } from './commands/generate';
import { quickstartCommand } from './commands/quickstart';
import { featuresCommand } from './commands/features';
import { recommendCommand } from './commands/recommend';
import { reportCommand } from './commands/report';
import { runsCommand } from './commands/runs';
import { ingestCommand } from './commands/ingest';
import { runCommand } from './commands/run';
import { followCommand } from './commands/follow';
import { serviceCommand } from './commands/service';
import { scheduleCommand } from './commands/schedule';
import { sqlCommand } from './commands/sql';
import { upCommand } from './commands/up';
import { workerCommand } from './commands/worker';
import { describeError } from './describe-error';

const program = new Command('musicbox')
  .description('churn predictions and song recommendations from a music-streaming service\'s raw event logs')
  .showHelpAfterError()
  .addCommand(quickstartCommand())
  .addCommand(runCommand())
  .addCommand(followCommand())
  .addCommand(scheduleCommand())
  .addCommand(generateCommand())
  .addCommand(ingestCommand())
  .addCommand(featuresCommand())
  .addCommand(upCommand())
  .addCommand(serviceCommand())
  .addCommand(recommendCommand())
  .addCommand(reportCommand())
  .addCommand(runsCommand())
  .addCommand(sqlCommand())
  .addCommand(workerCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`error: ${describeError(err)}`);
  if (debugRequested()) console.error(err);
  process.exit(1);
});
