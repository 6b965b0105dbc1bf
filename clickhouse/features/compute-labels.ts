import type { ClickHouseClient } from '@clickhouse/client';
import { readIngestedRange } from './ingested-range';
import { checkWindows, parseFeatureParams, trainingWindows, type FeatureParams, type FeatureParamsInput, type StageWindows } from './params';
import { clearRunOutput, stageQueryParams } from './run-step';
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
export async function computePopulation(ch: ClickHouseClient, p: FeatureParams, w: StageWindows): Promise<void> {
  await clearRunOutput(ch, FeatureTables.users, p.runId, w.stage);
  await ch.command({ query: featureSql('users'), query_params: stageQueryParams(p, w) });
}

/**
 * First step of a training run: checks the windows against the ingested dates, finds bots and
 * the sample, and writes one label per member of the feature window to run_labels (§3).
 * @throws InvalidRunParameters when a parameter is invalid or a window is outside the ingested dates.
 */
export async function computeLabels(ch: ClickHouseClient, input: FeatureParamsInput): Promise<LabelsResult> {
  const p = parseFeatureParams(input);
  const w = trainingWindows(p);
  checkWindows(p, w, await readIngestedRange(ch));
  await computePopulation(ch, p, w);
  await clearRunOutput(ch, FeatureTables.labels, p.runId, w.stage);
  await ch.command({ query: featureSql('labels'), query_params: stageQueryParams(p, w) });
  const rs = await ch.query({
    query: `SELECT count() AS labelled, countIf(label = 1) AS churned FROM ${FeatureTables.labels} WHERE run_id = {run_id:String}`,
    query_params: { run_id: p.runId },
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ labelled: string; churned: string }>();
  return { labelled: Number(row.labelled), churned: Number(row.churned) };
}
