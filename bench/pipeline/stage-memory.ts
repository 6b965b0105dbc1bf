/**
 * Peak memory per activity type of one run: the largest resident size of a worker process of the
 * activity's queue (the SQL worker for SQL activities, a training worker for training ones) in the
 * seconds it ran, from rss-sampler.ts's samples.
 *   node --import tsx bench/pipeline/stage-memory.ts history.json samples.tsv
 */
import { readFileSync } from 'node:fs';

interface HistoryEvent {
  eventId: string;
  eventTime: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string }; taskQueue: { name: string } };
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
  .map(([t, pid, kind, mib]) => ({ t: Number(t), pid, kind, mib: Number(mib) }));

const peaks = new Map<string, number>();
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
}
console.log('| activity | peak RSS of its worker, MiB |');
console.log('|---|---:|');
for (const [name, mib] of peaks) console.log(`| ${name} | ${mib} |`);
const byKind = new Map<string, number>();
for (const s of samples) byKind.set(s.kind, Math.max(byKind.get(s.kind) ?? 0, s.mib));
console.log(`\nlargest process of each kind, MiB: ${[...byKind].map(([k, m]) => `${k} ${m}`).join(', ')}`);
