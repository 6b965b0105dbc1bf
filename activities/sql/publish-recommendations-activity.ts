import { Readable } from 'node:stream';
import { claimIfNoChampion } from '../../clickhouse/champions';
import { clearRunPartition, countRunRows } from '../../clickhouse/run-tables';
import { PublishRecommendationsInput } from '../../messages/recsys';
import type { SqlDeps } from '../deps';
import { keepAlive } from '../heartbeat';

const TABLE = 'recommendations';

/**
 * Loads a run's blended lists into `recommendations` (replacing the run's rows) and marks the run as
 * published. The run becomes the recommendations champion (what `latest_recommendations` serves)
 * only when there is none; after that the service's guard or a person decides.
 */
export function createPublishRecommendationsActivity({ ch, store }: SqlDeps) {
  return async function publishRecommendations(raw: PublishRecommendationsInput): Promise<{ table: string; rows: number }> {
    const { runId, recommendations } = PublishRecommendationsInput.parse(raw);
    await clearRunPartition(ch, TABLE, runId);
    const lists = await store.get(recommendations);
    await keepAlive(() =>
      ch.insert({ table: `${TABLE} (run_id, uid, rank, song_id, score, models)`, values: Readable.from([lists], { objectMode: false }), format: 'TabSeparated' }),
    );
    const rows = await countRunRows(ch, TABLE, runId);
    await ch.insert({ table: 'published_runs', values: [{ run_id: runId, kind: 'recommendations', rows }], format: 'JSONEachRow' });
    await claimIfNoChampion(ch, 'recommendations', runId);
    return { table: TABLE, rows };
  };
}
