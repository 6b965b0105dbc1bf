import type { ClickHouseClient } from '@clickhouse/client';
import { readIngestedRange } from './ingested-range';
import {
  checkWindows, defaultSnapshot, parseFeatureParams, scoringWindows, trainingWindows, type FeatureParams, type FeatureParamsInput, type ResolvedFeatureParams,
  type StageWindows,
} from './params';

/**
 * One stage of one run, resolved once at the boundary and handed to every feature step: the
 * parsed parameters, the stage's date windows (checked against the ingested dates), and where the
 * members' events are read. No step parses raw input or derives a window itself.
 */
export interface RunContext {
  readonly params: ResolvedFeatureParams;
  readonly windows: StageWindows;
  /** The stage's in-memory member window (withMemberWindow); absent: the steps read `events`. */
  readonly memberWindow?: string;
}

/**
 * The training stage of a run: F = [end-(featureDays-1), end], L = [end+1, end+labelDays], with
 * end the given snapshot date or, when none is given, the latest one the ingested data can label.
 * @throws InvalidRunParameters when a window reaches outside the ingested dates.
 */
export async function resolveTrainingContext(ch: ClickHouseClient, params: FeatureParams): Promise<RunContext> {
  const range = await readIngestedRange(ch);
  const resolved = { ...params, snapshotDate: params.snapshotDate ?? defaultSnapshot(range, params.labelDays) };
  const windows = trainingWindows(resolved);
  checkWindows(resolved, windows, range);
  return { params: resolved, windows };
}

/** Parses raw parameters and resolves the training context: the boundary of a caller with raw input (a benchmark, a test). */
export async function trainingContextOf(ch: ClickHouseClient, input: FeatureParamsInput): Promise<RunContext> {
  return resolveTrainingContext(ch, parseFeatureParams(input));
}

/**
 * The scoring stage of a run: the feature window ending on `asOf` (default the latest ingested date), no label window.
 * @throws InvalidRunParameters when nothing is ingested or the window starts before the first ingested date.
 */
export async function resolveScoringContext(ch: ClickHouseClient, params: FeatureParams, asOf?: string): Promise<RunContext> {
  const range = await readIngestedRange(ch);
  const windows = scoringWindows(params, range, asOf);
  checkWindows(params, windows, range);
  // The scoring stage has no training snapshot; its windows end on the latest ingested date.
  return { params: { ...params, snapshotDate: params.snapshotDate ?? defaultSnapshot(range, params.labelDays) }, windows };
}

/** Query parameters shared by the feature SQL files, bound from the context. */
export function stageQueryParams({ params: p, windows: w, memberWindow }: RunContext): Record<string, unknown> {
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
