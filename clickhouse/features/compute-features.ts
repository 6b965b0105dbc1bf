import type { ClickHouseClient } from '@clickhouse/client';
import { cleanPlays, type CleaningReport } from './clean-plays';
import { computePopulation } from './compute-labels';
import { withMemberWindow } from './member-window';
import { stageQueryParams, type RunContext } from './run-context';
import { clearRunOutput, countStageRows, requireRunOutput } from './run-step';
import { featureSql } from './sql';
import { FEATURE_COLUMNS, FeatureTables } from './tables';

const COLUMNS = FEATURE_COLUMNS.join(', ');
/** A LEFT JOIN must fill absent users with 0, whatever the server's default. */
const SETTINGS = { join_use_nulls: 0 } as const;

/** Writes the training matrix of a run (31 features + label, one row per labelled user) to run_features. */
export async function computeFeatures(ch: ClickHouseClient, ctx: RunContext): Promise<{ rows: number }> {
  const { params: p, windows: w } = ctx;
  await requireRunOutput(ch, FeatureTables.cleaningReport, p.runId, w.stage, 'cleanPlays');
  await clearRunOutput(ch, FeatureTables.features, p.runId, w.stage);
  await ch.command({
    query: `INSERT INTO ${FeatureTables.features} (run_id, uid, ${COLUMNS}, label)
            SELECT {run_id:String}, uid, ${COLUMNS}, label FROM (${featureSql('features', ctx)})`,
    query_params: stageQueryParams(ctx),
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
 * Scoring snapshot (docs/FEATURES.md §8): bots, cleaning and the 31 features of the scoring
 * context (resolveScoringContext: end = the latest ingested date, no label window), into
 * run_scoring_features. Every non-bot user of that window is scored, so the training sample ratio
 * does not apply here. Cleaning and features read the members' events through a member window
 * (withMemberWindow; `memberWindowMaxRows` as there).
 */
export async function computeScoringFeatures(
  ch: ClickHouseClient,
  scoring: RunContext,
  options: { memberWindowMaxRows?: number } = {},
): Promise<ScoringFeaturesResult> {
  const { params: p, windows: w } = scoring;
  await computePopulation(ch, scoring);
  const report = await withMemberWindow(ch, scoring, async (ctx) => {
    const cleaning = await cleanPlays(ch, ctx);
    await clearRunOutput(ch, FeatureTables.scoringFeatures, p.runId, w.stage);
    await ch.command({
      query: `INSERT INTO ${FeatureTables.scoringFeatures} (run_id, snapshot_date, uid, ${COLUMNS})
              SELECT {run_id:String}, {end:Date}, uid, ${COLUMNS} FROM (${featureSql('features', ctx)})`,
      query_params: stageQueryParams(ctx),
      clickhouse_settings: SETTINGS,
    });
    return cleaning;
  }, options.memberWindowMaxRows);
  return { snapshotDate: w.end, rows: await countStageRows(ch, FeatureTables.scoringFeatures, p.runId, w.stage), report };
}
