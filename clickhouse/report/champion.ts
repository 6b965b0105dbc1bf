import type { Rows } from './rows';

/**
 * The run whose churn model is the champion: the one whose scores `latest_churn_scores` serves.
 * Where the champion pointer (table `champions`) exists, its latest churn row; before it existed,
 * what the view served then: the run registered last in `model_registry`. Undefined when no run
 * has registered a model. The one place that says what "champion" means for reports and `runs`.
 */
export async function readChampionRunId(rows: Rows): Promise<string | undefined> {
  const [pointer] = await rows<{ n: string }>("SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'champions'");
  const query =
    Number(pointer.n) > 0
      ? "SELECT argMax(run_id, changed_at) AS run_id, count() AS n FROM champions WHERE kind = 'churn'"
      : 'SELECT argMax(run_id, registered_at) AS run_id, count() AS n FROM model_registry';
  const [row] = await rows<{ run_id: string; n: string }>(query);
  return Number(row.n) > 0 ? row.run_id : undefined;
}
