import { SummariseActivityInput, type SummariseActivityResult } from '../../messages/activities';
import { exportQuery } from '../../clickhouse/export';
import { clearRunPartition } from '../../clickhouse/run-tables';
import { sqlFile } from '../../clickhouse/sql';
import { artifactKey, artifactPath, type SqlDeps } from '../deps';

const TABLE = 'run_user_activity';

/** Builds the run's per-user activity table from `events` and exports it as Arrow for the training queue. */
export function createSummariseActivity({ ch, artifactsDir }: SqlDeps) {
  return async function summariseActivity(raw: SummariseActivityInput): Promise<SummariseActivityResult> {
    const { runId } = SummariseActivityInput.parse(raw);
    await clearRunPartition(ch, TABLE, runId);
    await ch.command({ query: sqlFile('pipeline/user-activity'), query_params: { run_id: runId } });
    const artifact = artifactKey(runId, 'user-activity.arrows');
    await exportQuery(
      ch,
      `SELECT uid, plays, downloads, searches, active_days FROM ${TABLE} WHERE run_id = {run_id:String} ORDER BY uid`,
      artifactPath(artifactsDir, artifact),
      { params: { run_id: runId } },
    );
    const [totals] = await (
      await ch.query({
        query: `SELECT count() AS users, sum(plays + downloads + searches) AS events FROM ${TABLE} WHERE run_id = {run_id:String}`,
        query_params: { run_id: runId },
        format: 'JSONEachRow',
      })
    ).json<{ users: string; events: string }>();
    return { table: TABLE, artifact, users: Number(totals?.users ?? 0), events: Number(totals?.events ?? 0) };
  };
}
