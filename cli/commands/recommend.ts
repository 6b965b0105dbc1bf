import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { querySomehow } from '../query';

export function recommendCommand(): Command {
  return new Command('recommend')
    .description('print the published song recommendations of a user (the latest published run, or --run)')
    .requiredOption('--uid <uid>', 'user id', (v) => {
      if (!/^\d+$/.test(v)) throw new Error(`--uid takes a numeric user id, got '${v}'`);
      return v;
    })
    .option('--run <id>', 'run id (default: the latest published run)')
    .action(async (opts: { uid: string; run?: string }) => {
      const settings = resolveSettings();
      if (opts.run && !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(opts.run)) throw new Error(`--run takes a run id (a-z, 0-9, _ and -), got '${opts.run}'`);
      // Both values are validated above; musicbox sql may travel through a worker, which takes one query string.
      const source = opts.run ? `recommendations WHERE run_id = '${opts.run}' AND` : 'latest_recommendations WHERE';
      const text = await querySomehow(settings, `SELECT run_id, rank, song_id, round(score, 4) AS score, models FROM ${source} uid = ${opts.uid} ORDER BY rank`, 'PrettyCompactMonoBlock');
      process.stdout.write(text.trim() ? text : `no recommendations for user ${opts.uid}${opts.run ? ` in run ${opts.run}` : ''}: is the user in a published run? (musicbox sql "SELECT run_id, count() FROM recommendations GROUP BY run_id")\n`);
    });
}
