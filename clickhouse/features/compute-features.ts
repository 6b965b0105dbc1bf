import type { ClickHouseClient } from '@clickhouse/client';
import { cleanStage, type CleaningReport } from './clean-plays';
import { computePopulation } from './compute-labels';
import { withMemberWindow } from './member-window';
import { readIngestedRange } from './ingested-range';
import { checkWindows, parseFeatureParams, scoringWindows, trainingWindows, type FeatureParamsInput } from './params';
import { clearRunOutput, countStageRows, requireRunOutput, stageQueryParams, type MemberEventsOptions } from './run-step';
import { featureSql } from './sql';
import { FEATURE_COLUMNS, FeatureTables } from './tables';

const COLUMNS = FEATURE_COLUMNS.join(', ');
/** A LEFT JOIN must fill absent users with 0, whatever the server's default. */
const SETTINGS = { join_use_nulls: 0 } as const;

/** Writes the training matrix of a run (31 features + label, one row per labelled user) to run_features. */
export async function computeFeatures(ch: ClickHouseClient, input: FeatureParamsInput, options: MemberEventsOptions = {}): Promise<{ rows: number }> {
  const p = parseFeatureParams(input);
  const w = trainingWindows(p);
  await requireRunOutput(ch, FeatureTables.cleaningReport, p.runId, w.stage, 'cleanPlays');
  await clearRunOutput(ch, FeatureTables.features, p.runId, w.stage);
  await ch.command({
    query: `INSERT INTO ${FeatureTables.features} (run_id, uid, ${COLUMNS}, label)
            SELECT {run_id:String}, uid, ${COLUMNS}, label FROM (${featureSql('features', options)})`,
    query_params: stageQueryParams(p, w, options.memberWindow),
    clickhouse_settings: SETTINGS,
  });
  return { rows: await countStageRows(ch, FeatureTables.features, p.runId, w.stage) };
}

export interface ScoringFeaturesResult {
  /** The scoring snapshot date: the latest ingested date. */
  snapshotDate: string;
  rows: number;
  report: CleaningReport;
}

/**
 * Scoring snapshot (docs/FEATURES.md §8): bots, cleaning and the 31 features with end = the latest
 * ingested date and no label window, into run_scoring_features. Every non-bot user of that
 * window is scored, so the training sample ratio does not apply here. Cleaning and features read
 * the members' events through a member window (withMemberWindow; `memberWindowMaxRows` as there).
 */
export async function computeScoringFeatures(
  ch: ClickHouseClient,
  input: FeatureParamsInput,
  options: { memberWindowMaxRows?: number } = {},
): Promise<ScoringFeaturesResult> {
  const p = parseFeatureParams(input);
  const range = await readIngestedRange(ch);
  const w = scoringWindows(p, range);
  checkWindows(p, w, range);
  await computePopulation(ch, p, w);
  const report = await withMemberWindow(ch, p, w, async (memberWindow) => {
    const cleaning = await cleanStage(ch, p, w, { memberWindow });
    await clearRunOutput(ch, FeatureTables.scoringFeatures, p.runId, w.stage);
    await ch.command({
      query: `INSERT INTO ${FeatureTables.scoringFeatures} (run_id, snapshot_date, uid, ${COLUMNS})
              SELECT {run_id:String}, {end:Date}, uid, ${COLUMNS} FROM (${featureSql('features', { memberWindow })})`,
      query_params: stageQueryParams(p, w, memberWindow),
      clickhouse_settings: SETTINGS,
    });
    return cleaning;
  }, options.memberWindowMaxRows);
  return { snapshotDate: w.end, rows: await countStageRows(ch, FeatureTables.scoringFeatures, p.runId, w.stage), report };
}
