import path from 'node:path';
import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { CalendarDate } from '../../messages/calendar-date';
import { ScheduleKind } from '../../messages/schedule-kinds';
import { backfillSchedule, createSchedule, describeSchedule, scheduleClient, scheduleLine } from '../schedules';
import type { Client } from '@temporalio/client';

/** Runs `body` with a client of the schedules' server, closing it after. */
async function withClient(body: (client: Client) => Promise<void>): Promise<void> {
  const client = await scheduleClient(resolveSettings());
  try {
    await body(client);
  } finally {
    await client.connection.close();
  }
}

export function scheduleCommand(): Command {
  const schedule = new Command('schedule').description('recurring runs as Temporal schedules: retrain (weekly by default) and score (daily); runs need `musicbox up` or TEMPORAL_ADDRESS');
  schedule
    .command('create')
    .description('create a schedule; each tick runs as of the day before it (retrain runs are named <id>-<as-of date>, score runs score-<as-of date>)')
    .addArgument(new Command().createArgument('<kind>', 'what each tick runs').choices(ScheduleKind.options))
    .option('--id <id>', 'schedule id, and prefix of its runs\' ids (default: the kind)')
    .option('--cron <expr>', 'when it ticks, a cron expression in UTC (default: retrain "0 3 * * 1", score "0 4 * * *")')
    .option('--logs <dir>', 'folder of raw logs each tick ingests first (new files only)')
    .option('--input <json>', 'more workflow input for every tick, e.g. \'{"branches":["churn"]}\'')
    .option('--paused', 'create it paused', false)
    .action((kind: ScheduleKind, opts: { id?: string; cron?: string; logs?: string; input?: string; paused: boolean }) => {
      return withClient(async (client) => {
        const id = await createSchedule(client, kind, { id: opts.id, cron: opts.cron, input: opts.input, logsDir: opts.logs && path.resolve(opts.logs), paused: opts.paused });
        console.log(`schedule ${id} created`);
        console.log(describeSchedule(await client.schedule.getHandle(id).describe()).join('\n'));
      });
    });
  schedule.command('list').description('every schedule: id, kind, state, next tick').action(() =>
    withClient(async (client) => {
      let any = false;
      for await (const s of client.schedule.list()) {
        console.log(scheduleLine(s));
        any = true;
      }
      if (!any) console.log('no schedules (create one with `musicbox schedule create retrain`)');
    }),
  );
  schedule.command('describe').argument('<id>').description('policies, counts and latest runs of a schedule').action((id: string) =>
    withClient(async (client) => console.log(describeSchedule(await client.schedule.getHandle(id).describe()).join('\n'))),
  );
  schedule.command('pause').argument('<id>').option('--note <text>', 'why (shown by describe and the Web UI)').description('stop ticking until unpaused').action((id: string, opts: { note?: string }) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id).pause(opts.note);
      console.log(`schedule ${id} paused`);
    }),
  );
  schedule.command('unpause').argument('<id>').option('--note <text>', 'why').description('tick again').action((id: string, opts: { note?: string }) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id).unpause(opts.note);
      console.log(`schedule ${id} unpaused`);
    }),
  );
  schedule.command('trigger').argument('<id>').description('run once now (as of yesterday), outside the calendar').action((id: string) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id).trigger();
      console.log(`schedule ${id} triggered`);
    }),
  );
  schedule
    .command('backfill')
    .argument('<id>')
    .description('run the ticks whose as-of dates fall in [--from, --to], one run each with its own windows')
    .requiredOption('--from <date>', 'first as-of date, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last as-of date, YYYY-MM-DD')
    .action((id: string, opts: { from: string; to: string }) =>
      withClient(async (client) => {
        await backfillSchedule(client, id, CalendarDate.parse(opts.from), CalendarDate.parse(opts.to));
        console.log(`schedule ${id}: ticks as of ${opts.from}..${opts.to} started, one after another (follow them with \`musicbox schedule describe ${id}\` or the Web UI)`);
      }),
    );
  schedule.command('delete').argument('<id>').description('delete a schedule (its runs and their tables stay)').action((id: string) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id).delete();
      console.log(`schedule ${id} deleted`);
    }),
  );
  return schedule;
}

