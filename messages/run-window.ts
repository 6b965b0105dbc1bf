import { z } from 'zod';
import { CalendarDate } from './calendar-date';
import { addDays } from './dates';

/*
 * Where a run sits in time. A run has an as-of date: the last day whose data it may read. Its
 * snapshot (the last day of the feature window) is the latest date whose label window is complete
 * as of that day, so the label window ends on the as-of date and the feature window ends
 * `labelDays` before it. A backfill is a list of as-of dates.
 */

/** An as-of date, or `latest`: the latest ingested date. */
export const AsOf = z.union([CalendarDate, z.literal('latest')]);
export type AsOf = z.infer<typeof AsOf>;

/** The as-of date of a run started (or scheduled) at `time`: the last full UTC day before it. */
export function asOfFromTime(time: Date): string {
  return addDays(time.toISOString().slice(0, 10), -1);
}

/** The snapshot of a run as of `asOf`: its label window, the `labelDays` after it, ends on the as-of date. */
export function snapshotForAsOf(asOf: string, labelDays: number): string {
  return addDays(asOf, -labelDays);
}

export const ResolveRunWindowInput = z.strictObject({
  /** The run's as-of date, or `latest`. */
  asOf: AsOf,
  featureDays: z.number().int().min(1).max(366),
  labelDays: z.number().int().min(1).max(366),
});
export type ResolveRunWindowInput = z.input<typeof ResolveRunWindowInput>;

/** A run's dates, every one of them present in the ingested events. */
export const RunWindow = z.object({
  asOf: CalendarDate,
  snapshotDate: CalendarDate,
  /** First day of the feature window. */
  featureStart: CalendarDate,
  /** Last day of the label window: the as-of date. */
  labelEnd: CalendarDate,
});
export type RunWindow = z.infer<typeof RunWindow>;

/**
 * The run id of a run started without one: where it comes from (a schedule's id, else `run`) and
 * its as-of date, e.g. `nightly-2017-05-20`. A tick repeated for the same date gets the same id,
 * so it replaces that run's rows instead of adding a second copy.
 */
export function derivedRunId(source: string | undefined, asOf: string): string {
  const prefix =
    (source ?? 'run')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .slice(0, 53)
      .replace(/^[-_]+|[-_]+$/g, '') || 'run';
  return `${prefix}-${asOf}`;
}
