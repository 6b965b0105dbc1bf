import { Command } from 'commander';
import { resolveSettings } from '../../config/settings';
import { queryEngine } from '../query';
import { deprecatedRunOption, runIdOf, runIdOption } from '../run-id-option';

export function recommendCommand(): Command {
  return new Command('recommend')
    .description('print the published song recommendations of a user (the latest published run, or --run-id)')
    .requiredOption('--uid <uid>', 'user id', (v) => {
      if (!/^\d+$/.test(v)) throw new Error(`--uid takes a numeric user id, got '${v}'`);
      return v;
    })
    .addOption(runIdOption('run id (default: the latest published run)'))
    .addOption(deprecatedRunOption())
    .action(async (opts: { uid: string; runId?: string; run?: string }) => {
      const settings = resolveSettings();
      const runId = runIdOf(opts);
      const source = runId ? 'recommendations WHERE run_id = {run_id:String} AND' : 'latest_recommendations WHERE';
      const text = await queryEngine(
        settings,
        `SELECT run_id, rank, song_id, round(score, 4) AS score, models FROM ${source} uid = {uid:UInt64} ORDER BY rank`,
        'PrettyCompactMonoBlock',
        { params: { uid: opts.uid, ...(runId ? { run_id: runId } : {}) } },
      );
      process.stdout.write(text.trim() ? text : `no recommendations for user ${opts.uid}${runId ? ` in run ${runId}` : ''}: is the user in a published run? (musicbox sql "SELECT run_id, count() FROM recommendations GROUP BY run_id")\n`);
    });
}
