import { z } from 'zod';

const MESSAGE = 'use a calendar date YYYY-MM-DD';

/** True when `s` names a real day: the UTC calendar round-trips it (2017-02-30 does not). */
function isCalendarDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * A calendar date, YYYY-MM-DD. Not `z.iso.date()`: in the workflow bundle webpack resolves zod's
 * `iso.date` to `z.date()` (a Date instance check), so every date string failed inside workflows.
 * A regex and the UTC calendar behave the same in Node and in the workflow sandbox.
 */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, MESSAGE).refine(isCalendarDay, MESSAGE);
export type CalendarDate = z.infer<typeof CalendarDate>;
