/**
 * The training queue of one run, activity by activity, from its history:
 *   temporal workflow show -w churn-pipeline-<run id> -o json > history.json
 *   node --import tsx bench/pipeline/queue-timeline.ts history.json
 * For every training activity: its priority, when it was scheduled, started and finished (seconds
 * from the run's start), how long it waited and which worker ran it. Then the idle time: for each
 * second, a worker that was not running anything while some activity was queued counts as an idle
 * core-second (the workers are those seen in the history, one core each). The critical path's
 * queue wait (grid, summary, tuned forest) is summed on its own.
 */
import { readFileSync } from 'node:fs';

interface HistoryEvent {
  eventId: string;
  eventTime: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string }; taskQueue: { name: string }; input?: { payloads?: { data?: string }[] }; priority?: { priorityKey?: number } };
  activityTaskStartedEventAttributes?: { scheduledEventId: string; identity: string };
  activityTaskCompletedEventAttributes?: { scheduledEventId: string; startedEventId: string };
}

const file = process.argv[2];
if (!file) throw new Error('usage: queue-timeline.ts <history.json>');
const events = (JSON.parse(readFileSync(file, 'utf8')) as { events: HistoryEvent[] }).events;
const byId = new Map(events.map((e) => [e.eventId, e]));
const t0 = Date.parse(events[0].eventTime) / 1000;
const at = (e: HistoryEvent) => Date.parse(e.eventTime) / 1000 - t0;

/** What tells two activities of one type apart: the model, recommender or grid group and fold. */
function labelOf(name: string, input: string | undefined): string {
  if (!input) return name;
  const v = JSON.parse(Buffer.from(input, 'base64').toString('utf8')) as Record<string, unknown>;
  if (name === 'trainChurnModel') return `${name} ${String(v.name)}`;
  if (name === 'fitRecommender') return `${name} ${String(v.kind)}`;
  if (name === 'runChurnGridForest') return `${name} leaf ${String((v.cells as { cell: { minSamplesLeaf: number } }[])[0].cell.minSamplesLeaf)} fold ${String(v.fold)}`;
  if (name === 'runChurnGridUnit') return `${name} cell ${String(v.cellIndex)} fold ${String(v.fold)}`;
  return name;
}

interface Row { label: string; priority: number; scheduled: number; started: number; ended: number; worker: string; critical: boolean }
const rows: Row[] = [];
for (const e of events) {
  const done = e.activityTaskCompletedEventAttributes;
  if (!done) continue;
  const scheduledEvent = byId.get(done.scheduledEventId)!;
  const s = scheduledEvent.activityTaskScheduledEventAttributes!;
  if (!s.taskQueue.name.endsWith('training')) continue;
  const started = byId.get(done.startedEventId)!;
  const label = labelOf(s.activityType.name, s.input?.payloads?.[0]?.data);
  rows.push({
    label,
    priority: s.priority?.priorityKey ?? 3,
    scheduled: at(scheduledEvent),
    started: at(started),
    ended: at(e),
    worker: started.activityTaskStartedEventAttributes!.identity,
    critical: /GridForest|GridUnit|summariseChurnGrid|random_forest_tuned/.test(label),
  });
}
rows.sort((a, b) => a.started - b.started);
console.log('| training activity | priority | scheduled s | started s | ended s | waited s | worker |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.label} | ${r.priority} | ${r.scheduled.toFixed(0)} | ${r.started.toFixed(1)} | ${r.ended.toFixed(1)} | ${(r.started - r.scheduled).toFixed(1)} | ${r.worker} |`);
}
const workers = new Set(rows.map((r) => r.worker)).size;
let idle = 0;
const end = Math.max(...rows.map((r) => r.ended));
for (let t = Math.min(...rows.map((r) => r.scheduled)); t < end; t += 0.1) {
  const running = rows.filter((r) => r.started <= t && t < r.ended).length;
  const queued = rows.filter((r) => r.scheduled <= t && t < r.started).length;
  idle += 0.1 * Math.min(queued, Math.max(0, workers - running));
}
const criticalWait = rows.filter((r) => r.critical).reduce((s, r) => s + (r.started - r.scheduled), 0);
const busy = rows.reduce((s, r) => s + (r.ended - r.started), 0);
console.log(`\n${workers} training workers; busy ${busy.toFixed(0)} worker-s; idle while work was queued: ${idle.toFixed(1)} worker-s (includes each hand-off from finish to next start)`);
console.log(`critical path (grid, summary, tuned forest): ${rows.filter((r) => r.critical).length} activities, queue wait summed ${criticalWait.toFixed(1)} s; training from ${Math.min(...rows.map((r) => r.started)).toFixed(0)} to ${end.toFixed(0)} s`);
