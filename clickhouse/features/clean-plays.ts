import type { ClickHouseClient } from '@clickhouse/client';
import { FeatureStepOutputMissing } from './errors';
import { parseFeatureParams, trainingWindows, type FeatureParams, type FeatureParamsInput, type Stage, type StageWindows } from './params';
import { clearRunOutput, requireRunOutput, stageQueryParams, type MemberEventsOptions } from './run-step';
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

/** Computes the cleaning thresholds and counts of one stage into run_cleaning_report. */
export async function cleanStage(ch: ClickHouseClient, p: FeatureParams, w: StageWindows, options: MemberEventsOptions = {}): Promise<CleaningReport> {
  await requireRunOutput(ch, FeatureTables.users, p.runId, w.stage, w.stage === 'training' ? 'computeLabels' : 'computeScoringFeatures');
  await clearRunOutput(ch, FeatureTables.cleaningReport, p.runId, w.stage);
  await ch.command({
    query: featureSql('cleaning-report', options),
    query_params: stageQueryParams(p, w, options.memberWindow),
  });
  return readCleaningReport(ch, p.runId, w.stage);
}

/**
 * Cleaning of the training snapshot (docs/FEATURES.md §4): stores L99, mean_len, T99, mean_play and
 * every count dropped or replaced. The cleaned events themselves are not stored; the feature
 * and rating steps apply the stored thresholds as they read the events.
 */
export async function cleanPlays(ch: ClickHouseClient, input: FeatureParamsInput, options: MemberEventsOptions = {}): Promise<CleaningReport> {
  const p = parseFeatureParams(input);
  return cleanStage(ch, p, trainingWindows(p), options);
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
