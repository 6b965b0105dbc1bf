import type { ClickHouseClient } from '@clickhouse/client';
import { FeatureStepOutputMissing } from './errors';
import type { FeatureParams, StageWindows } from './params';
import { FeatureTables, STAGED_TABLES } from './tables';

/** Query parameters shared by the feature SQL files (`memberWindow`: the stage's member window table, when it has one). */
export function stageQueryParams(p: FeatureParams, w: StageWindows, memberWindow?: string): Record<string, unknown> {
  return {
    ...(memberWindow !== undefined && { member_window: memberWindow }),
    run_id: p.runId,
    stage: w.stage,
    end: w.end,
    window_start: w.windowStart,
    range_end: w.rangeEnd,
    feature_days: p.featureDays,
    bot_percentile: p.botPercentile,
    clean_percentile: p.cleanPercentile,
    sample_ratio: p.sampleRatio,
    sample_seed: p.sampleSeed,
    apply_sample: w.stage === 'training' ? 1 : 0,
  };
}

/**
 * Removes what an earlier attempt of this run (and stage) wrote to `table`, so the step can insert
 * again: a retry replaces its own output and other runs are untouched. The partition value is a
 * bound parameter (ClickHouse accepts `{name:Type}` in a PARTITION expression).
 */
export async function clearRunOutput(ch: ClickHouseClient, table: string, runId: string, stage: string): Promise<void> {
  const staged = STAGED_TABLES.has(table);
  await ch.command({
    query: `ALTER TABLE ${table} DROP PARTITION ${staged ? '({run_id:String}, {stage:String})' : '{run_id:String}'}`,
    query_params: { run_id: runId, stage },
  });
}

/** Removes everything the feature stage wrote for a run, both stages, from every table of the stage. */
export async function clearRun(ch: ClickHouseClient, runId: string): Promise<void> {
  for (const table of Object.values(FeatureTables)) {
    for (const stage of ['training', 'scoring']) await clearRunOutput(ch, table, runId, stage);
  }
}

/** Rows of one run (and stage, for staged tables) in `table`. */
export async function countRunRows(ch: ClickHouseClient, table: string, runId: string, stage: string): Promise<number> {
  const staged = STAGED_TABLES.has(table);
  const rs = await ch.query({
    query: `SELECT count() AS n FROM ${table} WHERE run_id = {run_id:String}${staged ? ' AND stage = {stage:String}' : ''}`,
    query_params: { run_id: runId, stage },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: string }>();
  return Number(row?.n ?? 0);
}

/** Throws FeatureStepOutputMissing unless `table` already holds rows of this run and stage. */
export async function requireRunOutput(ch: ClickHouseClient, table: string, runId: string, stage: string, step: string): Promise<void> {
  if ((await countRunRows(ch, table, runId, stage)) === 0) throw new FeatureStepOutputMissing(runId, table, step);
}

/** Options of the steps that read the members' events. */
export interface MemberEventsOptions {
  /** The stage's member window (withMemberWindow); absent: read `events`. */
  memberWindow?: string;
}

/** Milliseconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - t0)];
}
