import { Command } from 'commander';
import { generateCommand } from './commands/generate';
import { quickstartCommand } from './commands/quickstart';
import { featuresCommand } from './commands/features';
import { recommendCommand } from './commands/recommend';
import { ingestCommand } from './commands/ingest';
import { runCommand } from './commands/run';
import { sqlCommand } from './commands/sql';
import { upCommand } from './commands/up';
import { workerCommand } from './commands/worker';

const program = new Command('musicbox')
  .description('churn predictions and song recommendations from a music-streaming service\'s raw event logs')
  .showHelpAfterError()
  .addCommand(quickstartCommand())
  .addCommand(runCommand())
  .addCommand(generateCommand())
  .addCommand(ingestCommand())
  .addCommand(featuresCommand())
  .addCommand(upCommand())
  .addCommand(recommendCommand())
  .addCommand(sqlCommand())
  .addCommand(workerCommand());

/**
 * One line from an error and its causes, e.g. a failed workflow's failed activity and that
 * activity's own error: "Workflow execution failed: Activity task failed (trainChurnModel): …".
 */
function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && parts.length < 6; e = (e as { cause?: unknown }).cause) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const activity = (e as { activityType?: unknown }).activityType;
    parts.push(typeof activity === 'string' ? `${e.message} (${activity})` : e.message);
  }
  return parts.filter((p, i) => p !== parts[i - 1]).join(': ');
}

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`error: ${describe(err)}`);
  if (process.env.MUSICBOX_DEBUG) console.error(err);
  process.exit(1);
});
