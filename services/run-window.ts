import type { z } from 'zod';
import { readIngestedDates, readIngestedRange } from '../clickhouse/features';
import { addDays, datesFrom, describeDates } from '../messages/dates';
import { snapshotForAsOf, type ResolveRunWindowInput, type RunWindow } from '../messages/run-window';

/** A run's windows need dates the ingested data does not hold. Not retryable: ingest them first. */
export class IncompleteWindow extends Error {
  readonly type = 'IncompleteWindow';
  constructor(
    readonly window: RunWindow,
    readonly missing: string[],
  ) {
    super(
      `the run as of ${window.asOf} (feature window ${window.featureStart}..${window.snapshotDate}, label window ` +
        `${addDays(window.snapshotDate, 1)}..${window.labelEnd}) needs dates the ingested data does not hold: ${describeDates(missing)}; ` +
        'ingest the logs of those dates, or choose an earlier as-of date',
    );
    this.name = 'IncompleteWindow';
  }
}

/**
 * Places a run in time: the as-of date (`latest`: the latest ingested date), its snapshot and
 * windows, and a check that every one of their days holds events, so a window the data cannot fill
 * fails here, at once, naming the missing days, instead of training on a partial window.
 */
export async function resolveRunWindow({ ch }: { ch: Parameters<typeof readIngestedRange>[0] }, input: z.output<typeof ResolveRunWindowInput>): Promise<RunWindow> {
  const asOf = input.asOf === 'latest' ? (await readIngestedRange(ch)).maxDate : input.asOf;
  const snapshotDate = snapshotForAsOf(asOf, input.labelDays);
  const window: RunWindow = { asOf, snapshotDate, featureStart: addDays(snapshotDate, -(input.featureDays - 1)), labelEnd: asOf };
  const present = new Set(await readIngestedDates(ch, window.featureStart, window.labelEnd));
  const missing = datesFrom(window.featureStart, window.labelEnd).filter((d) => !present.has(d));
  if (missing.length > 0) throw new IncompleteWindow(window, missing);
  return window;
}
