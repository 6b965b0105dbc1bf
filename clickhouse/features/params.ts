import { addDays, daysBetween } from '../../messages/dates';
import { InvalidRunParameters } from './errors';

import { FeatureParams, type FeatureParamsInput } from '../../messages/feature-params';

export { FeatureParams, type FeatureParamsInput };

/** Parses raw input at the boundary; a bad field becomes InvalidRunParameters naming it and the fix. */
export function parseFeatureParams(input: unknown): FeatureParams {
  const parsed = FeatureParams.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const parameter = issue.path.map(String).join('.') || '(input)';
  throw new InvalidRunParameters(parameter, `${issue.message}; fix the value and start the run again`);
}

/** Dates covered by the events table. */
export interface IngestedRange {
  minDate: string;
  maxDate: string;
}

export type Stage = 'training' | 'scoring';

/** The dates one stage of a run works on (inclusive, YYYY-MM-DD). */
export interface StageWindows {
  stage: Stage;
  /** Snapshot date: last day of the feature window. */
  end: string;
  /** First day of the feature window: end - (featureDays - 1). */
  windowStart: string;
  /** Last day read: end + labelDays for training, end for scoring. */
  rangeEnd: string;
}

/** Parameters with the snapshot date decided (given, or defaultSnapshot of the data). */
export type ResolvedFeatureParams = FeatureParams & { snapshotDate: string };

/** The snapshot of a run that names none: the latest date whose label window is complete in the ingested data. */
export function defaultSnapshot(range: IngestedRange, labelDays: number): string {
  return addDays(range.maxDate, -labelDays);
}

/** Windows of the training snapshot: F = [end-(featureDays-1), end], L = [end+1, end+labelDays]. */
export function trainingWindows(p: ResolvedFeatureParams): StageWindows {
  return {
    stage: 'training',
    end: p.snapshotDate,
    windowStart: addDays(p.snapshotDate, -(p.featureDays - 1)),
    rangeEnd: addDays(p.snapshotDate, p.labelDays),
  };
}

/**
 * Windows of the scoring snapshot: the feature window ending on `asOf` (default the latest
 * ingested date, what a training run scores), no label window. A score-only run passes its as-of
 * date; one after the ingested data fails, since those days' activity is not known yet.
 */
export function scoringWindows(p: FeatureParams, range: IngestedRange, asOf?: string): StageWindows {
  if (asOf !== undefined && asOf > range.maxDate) {
    throw new InvalidRunParameters('asOf', `as-of ${asOf} is after the last ingested date ${range.maxDate}: ingest newer logs, or choose an as-of on or before ${range.maxDate}`);
  }
  const end = asOf ?? range.maxDate;
  return { stage: 'scoring', end, windowStart: addDays(end, -(p.featureDays - 1)), rangeEnd: end };
}

/** Throws InvalidRunParameters when a stage's windows reach outside the ingested dates. */
export function checkWindows(p: FeatureParams, w: StageWindows, range: IngestedRange): void {
  const feature = `feature window ${w.windowStart}..${w.end}`;
  if (w.windowStart < range.minDate) {
    const param = w.stage === 'training' ? 'snapshotDate' : 'featureDays';
    throw new InvalidRunParameters(
      param,
      `${feature} starts before the first ingested date ${range.minDate}; ` +
        (w.stage === 'training'
          ? `choose a snapshotDate on or after ${addDays(range.minDate, p.featureDays - 1)}, shorten featureDays, or ingest older logs`
          : `shorten featureDays to at most ${daysBetween(range.minDate, range.maxDate) + 1} or ingest older logs`),
    );
  }
  if (w.rangeEnd > range.maxDate) {
    throw new InvalidRunParameters(
      'snapshotDate',
      `label window ${addDays(w.end, 1)}..${w.rangeEnd} ends after the last ingested date ${range.maxDate}; ` +
        `choose a snapshotDate on or before ${addDays(range.maxDate, -p.labelDays)}, shorten labelDays, or ingest newer logs`,
    );
  }
}

