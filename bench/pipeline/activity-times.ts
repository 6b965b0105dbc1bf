/**
 * Per-activity times of one pipeline run, read from its history:
 *   temporal workflow show -w churn-pipeline-<run id> -o json > history.json
 *   node --import tsx bench/pipeline/activity-times.ts history.json
 * For each activity type: how many ran, summed and longest run time (start of the last
 * attempt to completion), and the window from the run's start to the first start and
 * the last completion, in seconds.
 */
import { readFileSync } from 'node:fs';

interface HistoryEvent {
  eventId: string;
  eventTime: string;
  eventType: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
  activityTaskCompletedEventAttributes?: { scheduledEventId: string; startedEventId: string };
}

const file = process.argv[2];
if (!file) throw new Error('usage: activity-times.ts <history.json from temporal workflow show -o json>');
const events = (JSON.parse(readFileSync(file, 'utf8')) as { events: HistoryEvent[] }).events;
const byId = new Map(events.map((e) => [e.eventId, e]));
const seconds = (e: HistoryEvent) => Date.parse(e.eventTime) / 1000;
const start = seconds(events[0]);

interface Row { count: number; sum: number; longest: number; first: number; last: number }
const rows = new Map<string, Row>();
for (const e of events) {
  const done = e.activityTaskCompletedEventAttributes;
  if (!done) continue;
  const scheduled = byId.get(done.scheduledEventId)!;
  const started = byId.get(done.startedEventId)!;
  const name = scheduled.activityTaskScheduledEventAttributes!.activityType.name;
  const run = seconds(e) - seconds(started);
  const row = rows.get(name) ?? { count: 0, sum: 0, longest: 0, first: Infinity, last: 0 };
  row.count++;
  row.sum += run;
  row.longest = Math.max(row.longest, run);
  row.first = Math.min(row.first, seconds(started) - start);
  row.last = Math.max(row.last, seconds(e) - start);
  rows.set(name, row);
}
console.log('| activity | count | run time s (sum) | longest s | window s |');
console.log('|---|---:|---:|---:|---|');
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.count} | ${r.sum.toFixed(1)} | ${r.longest.toFixed(1)} | ${Math.round(r.first)}–${Math.round(r.last)} |`);
}
console.log(`\nhistory: ${(seconds(events[events.length - 1]) - start).toFixed(1)} s from start to the last event (${events[events.length - 1].eventType})`);
