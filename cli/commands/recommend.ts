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
      const source = opts.run ? 'recommendations WHERE run_id = {run_id:String} AND' : 'latest_recommendations WHERE';
      const text = await querySomehow(
        settings,
        `SELECT run_id, rank, song_id, round(score, 4) AS score, models FROM ${source} uid = {uid:UInt64} ORDER BY rank`,
        'PrettyCompactMonoBlock',
        { uid: opts.uid, ...(opts.run ? { run_id: opts.run } : {}) },
      );
      process.stdout.write(text.trim() ? text : `no recommendations for user ${opts.uid}${opts.run ? ` in run ${opts.run}` : ''}: is the user in a published run? (musicbox sql "SELECT run_id, count() FROM recommendations GROUP BY run_id")\n`);
    });
}
