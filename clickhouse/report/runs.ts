import { readAsOfDates } from './as-of';
import { readChampionRunId } from './champion';
import type { Rows } from './rows';
import { readRunSummaries } from './run-summaries';

/** One line of `musicbox runs`. */
export interface RunListing {
  runId: string;
  asOf: string | null;
  /** `completed` once the report step recorded the run's summary; `incomplete` while running, or when it failed. */
  status: 'completed' | 'incomplete';
  bestModel: string | null;
  bestTestAuc: number | null;
  blendNdcg: number | null;
  champion: boolean;
  /** When the run last wrote: its summary, else its registered model, else its feature stage. */
  updatedAt: string;
}

/**
 * Every run the engine knows of (from its feature stage, its model registration or its summary),
 * newest first. Runs finished before summaries were recorded show what `model_registry` holds.
 */
export async function listRuns(rows: Rows): Promise<RunListing[]> {
  const staged = await rows<{ run_id: string; written_at: string }>(
    `SELECT r.run_id AS run_id, toString(max(p.modification_time), 'UTC') AS written_at
     FROM (SELECT DISTINCT run_id, _partition_id AS partition_id FROM run_cleaning_report WHERE stage = 'training') AS r
     INNER JOIN (SELECT partition_id, modification_time FROM system.parts WHERE database = currentDatabase() AND table = 'run_cleaning_report' AND active) AS p
       ON p.partition_id = r.partition_id
     GROUP BY r.run_id`,
  );
  const registered = await rows<{ run_id: string; best_model: string; best_auc: number; registered: string }>(
    `SELECT run_id, argMax(model, test_auc) AS best_model, max(test_auc) AS best_auc, toString(max(registered_at)) AS registered
     FROM model_registry FINAL GROUP BY run_id`,
  );
  const summaries = await readRunSummaries(rows);
  const ids = [...new Set([...staged.map((r) => r.run_id), ...registered.map((r) => r.run_id), ...summaries.map((r) => r.runId)])];
  const asOf = await readAsOfDates(rows, ids);
  const champion = await readChampionRunId(rows);
  const listing = ids.map((runId): RunListing => {
    const s = summaries.find((r) => r.runId === runId);
    const m = registered.find((r) => r.run_id === runId);
    const f = staged.find((r) => r.run_id === runId);
    return {
      runId,
      asOf: asOf.get(runId) ?? s?.snapshotDate ?? null,
      status: s ? 'completed' : 'incomplete',
      bestModel: s?.bestModel || m?.best_model || null,
      bestTestAuc: s?.bestTestAuc ?? m?.best_auc ?? null,
      blendNdcg: s?.blendNdcg ?? null,
      champion: runId === champion,
      updatedAt: s?.finishedAt ?? m?.registered ?? f?.written_at ?? '',
    };
  });
  return listing.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.runId.localeCompare(a.runId));
}
