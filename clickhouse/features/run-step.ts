import type { ClickHouseClient } from '@clickhouse/client';
import { clearRunPartition, countRunRows } from '../run-tables';
import { FeatureStepOutputMissing } from './errors';
import { FeatureTables, STAGED_TABLES } from './tables';

/** The stage key of `table`'s partitions: the stage for tables partitioned by it, else none. */
function partitionStage(table: string, stage: string): string | undefined {
  return STAGED_TABLES.has(table) ? stage : undefined;
}

/** Removes what an earlier attempt of this run (and stage) wrote to `table`, so the step can insert again. */
export async function clearRunOutput(ch: ClickHouseClient, table: string, runId: string, stage: string): Promise<void> {
  await clearRunPartition(ch, table, runId, partitionStage(table, stage));
}

/** Removes everything the feature stage wrote for a run, both stages, from every table of the stage. */
export async function clearRun(ch: ClickHouseClient, runId: string): Promise<void> {
  for (const table of Object.values(FeatureTables)) {
    for (const stage of ['training', 'scoring']) await clearRunOutput(ch, table, runId, stage);
  }
}

/** Rows of one run (and stage, for staged tables) in `table`. */
export async function countStageRows(ch: ClickHouseClient, table: string, runId: string, stage: string): Promise<number> {
  return countRunRows(ch, table, runId, partitionStage(table, stage));
}

/** Throws FeatureStepOutputMissing unless `table` already holds rows of this run and stage. */
export async function requireRunOutput(ch: ClickHouseClient, table: string, runId: string, stage: string, step: string): Promise<void> {
  if ((await countStageRows(ch, table, runId, stage)) === 0) throw new FeatureStepOutputMissing(runId, table, step);
}

/** Milliseconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - t0)];
}
