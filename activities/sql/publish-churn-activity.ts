import { Readable } from 'node:stream';
import { claimIfNoChampion, recordScoreRun } from '../../clickhouse/champions';
import { clearRunPartition, countRunRows } from '../../clickhouse/run-tables';
import { PublishChurnInput, type PublishChurnResult } from '../../messages/churn';
import type { SqlDeps } from '../deps';
import { keepAlive } from '../heartbeat';

const TABLE = 'churn_scores';
const REGISTRY = 'model_registry';

/**
 * Publishes a run's churn scores and registers its best model. Both are keyed by run id: a retry
 * replaces the scores and the registry keeps one row per (run, model). A training run becomes the
 * churn champion only when there is none; after that, only the service's guard or a person moves
 * the champion (the `latest_churn_scores` view follows it). A score-only run (no `best`) notes
 * which run's model scored it.
 */
export function createPublishChurnActivity({ ch, store }: SqlDeps) {
  return async function publishChurnScores(raw: PublishChurnInput): Promise<PublishChurnResult> {
    const { runId, scores, best, modelRunId, asOf } = PublishChurnInput.parse(raw);
    const [previous] = await (
      await ch.query({
        query: `SELECT run_id, model, test_auc FROM ${REGISTRY} FINAL WHERE run_id != {run_id:String} ORDER BY registered_at DESC LIMIT 1`,
        query_params: { run_id: runId },
        format: 'JSONEachRow',
      })
    ).json<{ run_id: string; model: string; test_auc: number }>();
    await clearRunPartition(ch, TABLE, runId);
    const tsv = await store.get(scores);
    await keepAlive(() =>
      ch.insert({ table: `${TABLE} (run_id, uid, probability, rank, model)`, values: Readable.from([tsv], { objectMode: false }), format: 'TabSeparated' }),
    );
    if (best) {
      await ch.insert({
        table: REGISTRY,
        format: 'JSONEachRow',
        values: [
          {
            run_id: runId,
            model: best.name,
            kind: best.kind,
            test_auc: best.test.auc,
            train_auc: best.train.auc,
            test_f1: best.test.f1,
            params: JSON.stringify(best.params),
            metrics: JSON.stringify({ train: best.train, test: best.test }),
            top_features: JSON.stringify(best.permutation),
            artifact: best.artifact,
          },
        ],
      });
    }
    await recordScoreRun(ch, runId, modelRunId ?? runId, asOf);
    const claimedChampion = best ? await claimIfNoChampion(ch, 'churn', runId) : undefined;
    return {
      table: TABLE,
      rows: await countRunRows(ch, TABLE, runId),
      registryTable: REGISTRY,
      previousBest: previous && { runId: previous.run_id, model: previous.model, testAuc: previous.test_auc },
      claimedChampion,
    };
  };
}
