import type { ClickHouseClient } from '@clickhouse/client';
import { FeatureStepOutputMissing } from './errors';
import type { Stage } from './params';
import { stageQueryParams, type RunContext } from './run-context';
import { clearRunOutput, requireRunOutput } from './run-step';
import { featureSql } from './sql';
import { FeatureTables } from './tables';

/** The population and cleaning numbers of one run and stage (docs/FEATURES.md §1, §4). Dates are YYYY-MM-DD. */
export interface CleaningReport {
  runId: string;
  stage: Stage;
  snapshotDate: string;
  windowStart: string;
  rangeEnd: string;
  /** Users with any event in [windowStart, rangeEnd]. */
  users: number;
  botThreshold: number;
  bots: number;
  /** Users that take part: active in the feature window, not bots, sampled. */
  members: number;
  playEvents: number;
  downloadEvents: number;
  searchEvents: number;
  droppedNullLength: number;
  l99: number;
  meanLen: number;
  replacedLength: number;
  droppedLongLength: number;
  t99: number;
  meanPlay: number;
  replacedPlayTime: number;
  droppedLongPlayTime: number;
  keptPlays: number;
}

/**
 * Cleaning of one stage (docs/FEATURES.md §4): stores L99, mean_len, T99, mean_play and every count
 * dropped or replaced in run_cleaning_report. The cleaned events themselves are not stored; the
 * feature and rating steps apply the stored thresholds as they read the events.
 */
export async function cleanPlays(ch: ClickHouseClient, ctx: RunContext): Promise<CleaningReport> {
  const { runId } = ctx.params;
  const { stage } = ctx.windows;
  await requireRunOutput(ch, FeatureTables.users, runId, stage, stage === 'training' ? 'computeLabels' : 'computeScoringFeatures');
  await clearRunOutput(ch, FeatureTables.cleaningReport, runId, stage);
  await ch.command({ query: featureSql('cleaning-report', ctx), query_params: stageQueryParams(ctx) });
  return readCleaningReport(ch, runId, stage);
}

/** Reads the cleaning report of a run (training stage unless told). */
export async function readCleaningReport(ch: ClickHouseClient, runId: string, stage: Stage = 'training'): Promise<CleaningReport> {
  const rs = await ch.query({
    query: `SELECT * FROM ${FeatureTables.cleaningReport} WHERE run_id = {run_id:String} AND stage = {stage:String} LIMIT 1`,
    query_params: { run_id: runId, stage },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0, output_format_json_quote_denormals: 1 },
  });
  const [r] = await rs.json<Record<string, string | number>>();
  if (!r) throw new FeatureStepOutputMissing(runId, FeatureTables.cleaningReport, stage === 'training' ? 'cleanPlays' : 'computeScoringFeatures');
  const n = (k: string) => Number(r[k]);
  return {
    runId,
    stage,
    snapshotDate: String(r.snapshot_date),
    windowStart: String(r.window_start),
    rangeEnd: String(r.range_end),
    users: n('users'),
    botThreshold: n('bot_threshold'),
    bots: n('bots'),
    members: n('members'),
    playEvents: n('play_events'),
    downloadEvents: n('download_events'),
    searchEvents: n('search_events'),
    droppedNullLength: n('dropped_null_length'),
    l99: n('l99'),
    meanLen: n('mean_len'),
    replacedLength: n('replaced_length'),
    droppedLongLength: n('dropped_long_length'),
    t99: n('t99'),
    meanPlay: n('mean_play'),
    replacedPlayTime: n('replaced_play_time'),
    droppedLongPlayTime: n('dropped_long_play_time'),
    keptPlays: n('kept_plays'),
  };
}
