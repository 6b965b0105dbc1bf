/*
 * Calendar arithmetic on YYYY-MM-DD strings, in UTC. Pure and deterministic, so workflows,
 * services and SQL parameters all count days the same way.
 */

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Every date from `from` to `to`, both included (empty when `to` is earlier). */
export function datesFrom(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, daysBetween(from, to) + 1) }, (_, i) => addDays(from, i));
}

/** Dates as few runs of consecutive days: `2017-05-13..2017-05-20 (8 days), 2017-05-25`. */
export function describeDates(dates: readonly string[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < dates.length) {
    let j = i;
    while (j + 1 < dates.length && daysBetween(dates[j], dates[j + 1]) === 1) j++;
    runs.push(i === j ? dates[i] : `${dates[i]}..${dates[j]} (${j - i + 1} days)`);
    i = j + 1;
  }
  return runs.join(', ');
}
