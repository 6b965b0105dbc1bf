/**
 * Peak memory and CPU time per activity type of one run, from rss-sampler.ts's samples beside the
 * run's history. Memory: the largest resident size of a worker process of the activity's queue
 * (the SQL worker for SQL activities, a training worker for training ones) while it ran. CPU: the
 * CPU time the worker that ran it (the attempt's identity, `<pid>@host`) used from its start to
 * its end; a training worker runs one activity at a time, so that is the activity's own, while
 * the SQL worker may overlap two. CPU time does not grow with a busy host the way wall time does.
 *   node --import tsx bench/pipeline/stage-memory.ts history.json samples.tsv
 */
import { readFileSync } from 'node:fs';

interface HistoryEvent {
  eventId: string;
  eventTime: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string }; taskQueue: { name: string } };
  activityTaskStartedEventAttributes?: { identity: string };
  activityTaskCompletedEventAttributes?: { scheduledEventId: string; startedEventId: string };
}

const [historyFile, samplesFile] = process.argv.slice(2);
if (!historyFile || !samplesFile) throw new Error('usage: stage-memory.ts <history.json> <samples.tsv>');
const events = (JSON.parse(readFileSync(historyFile, 'utf8')) as { events: HistoryEvent[] }).events;
const byId = new Map(events.map((e) => [e.eventId, e]));
const seconds = (e: HistoryEvent) => Date.parse(e.eventTime) / 1000;
const samples = readFileSync(samplesFile, 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'))
  .map(([t, pid, kind, mib, cpu]) => ({ t: Number(t), pid, kind, mib: Number(mib), cpu: Number(cpu) }));

/** CPU seconds process `pid` used between two times, from the samples nearest before each. */
function cpuBetween(pid: string, from: number, to: number): number {
  const mine = samples.filter((s) => s.pid === pid);
  const before = (t: number) => mine.filter((s) => s.t <= t).pop() ?? mine[0];
  return mine.length ? before(to + 1).cpu - before(from).cpu : NaN;
}

const peaks = new Map<string, number>();
const cpus = new Map<string, number>();
const wall = new Map<string, number>();
for (const e of events) {
  const done = e.activityTaskCompletedEventAttributes;
  if (!done) continue;
  const scheduled = byId.get(done.scheduledEventId)!.activityTaskScheduledEventAttributes!;
  const from = seconds(byId.get(done.startedEventId)!);
  const to = seconds(e);
  const kind = scheduled.taskQueue.name.endsWith('sql') ? 'sql' : 'training';
  // A training activity may run on any training worker: the largest one in its window bounds it.
  const peak = Math.max(0, ...samples.filter((s) => s.kind === kind && s.t >= from - 1 && s.t <= to + 1).map((s) => s.mib));
  const name = scheduled.activityType.name;
  peaks.set(name, Math.max(peaks.get(name) ?? 0, peak));
  const pid = byId.get(done.startedEventId)!.activityTaskStartedEventAttributes!.identity.split('@')[0];
  cpus.set(name, (cpus.get(name) ?? 0) + cpuBetween(pid, from, to));
  wall.set(name, (wall.get(name) ?? 0) + (to - from));
}
console.log('| activity | run time s (sum) | CPU s of its worker (sum) | peak RSS of its worker, MiB |');
console.log('|---|---:|---:|---:|');
for (const [name, mib] of peaks) console.log(`| ${name} | ${(wall.get(name) ?? 0).toFixed(1)} | ${(cpus.get(name) ?? 0).toFixed(1)} | ${mib} |`);
const byKind = new Map<string, number>();
for (const s of samples) byKind.set(s.kind, Math.max(byKind.get(s.kind) ?? 0, s.mib));
console.log(`\nlargest process of each kind, MiB: ${[...byKind].map(([k, m]) => `${k} ${m}`).join(', ')}`);
