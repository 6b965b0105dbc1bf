import type { ClickHouseClient } from '@clickhouse/client';
import { stageQueryParams, type RunContext } from './run-context';
import { clearRunOutput } from './run-step';
import { featureSql } from './sql';
import { FeatureTables } from './tables';

export interface LabelsResult {
  /** Users labelled (members of the training feature window). */
  labelled: number;
  /** Of which churned (label 1). */
  churned: number;
}

/**
 * Bots, sample and membership of one stage (docs/FEATURES.md §1-§2) into run_users.
 * Exported for the scoring step; the training stage goes through computeLabels.
 */
export async function computePopulation(ch: ClickHouseClient, ctx: RunContext): Promise<void> {
  await clearRunOutput(ch, FeatureTables.users, ctx.params.runId, ctx.windows.stage);
  await ch.command({ query: featureSql('users'), query_params: stageQueryParams(ctx) });
}

/**
 * First step of a training run (its windows already checked by resolveTrainingContext): finds bots
 * and the sample, and writes one label per member of the feature window to run_labels (§3).
 */
export async function computeLabels(ch: ClickHouseClient, ctx: RunContext): Promise<LabelsResult> {
  await computePopulation(ch, ctx);
  await clearRunOutput(ch, FeatureTables.labels, ctx.params.runId, ctx.windows.stage);
  await ch.command({ query: featureSql('labels'), query_params: stageQueryParams(ctx) });
  const rs = await ch.query({
    query: `SELECT count() AS labelled, countIf(label = 1) AS churned FROM ${FeatureTables.labels} WHERE run_id = {run_id:String}`,
    query_params: { run_id: ctx.params.runId },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ labelled: string; churned: string }>();
  return { labelled: Number(row.labelled), churned: Number(row.churned) };
}
