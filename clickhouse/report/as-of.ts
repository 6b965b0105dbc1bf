import type { Rows } from './rows';

/**
 * The date each run is placed at in time, for `musicbox runs` and the report's comparisons: the
 * last day of its label window, the latest day of data the run's training read (a run as of D
 * trains on the windows ending at D). Read from what the feature stage recorded, so runs from
 * before as-of dates were named read the same way. The one place that says what a run's "as-of"
 * date is.
 */
export async function readAsOfDates(rows: Rows, runIds: string[]): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const found = await rows<{ run_id: string; as_of: string }>(
    `SELECT run_id, toString(any(range_end)) AS as_of FROM run_cleaning_report
              WHERE stage = 'training' AND run_id IN {run_ids:Array(String)} GROUP BY run_id`,
    { run_ids: runIds },
  );
  return new Map(found.map((r) => [r.run_id, r.as_of]));
}
