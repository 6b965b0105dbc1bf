/**
 * What each activity of one measured run used, from its history beside rss-sampler.ts's samples:
 * run time, CPU time of the worker that ran it and the largest resident size of a worker of its
 * queue while it ran. Shared by stage-memory.ts (one run) and growth.ts (runs at several sizes).
 */
import { readFileSync } from 'node:fs';

interface HistoryEvent {
  eventId: string;
  eventTime: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string }; taskQueue: { name: string }; input?: { payloads?: { data?: string }[] } };
  activityTaskStartedEventAttributes?: { identity: string };
  activityTaskCompletedEventAttributes?: { scheduledEventId: string; startedEventId: string };
}

export interface ActivityUsage {
  /** The activity type, and for fitRecommender and trainChurnModel the recommender or model. */
  name: string;
  type: string;
  queue: 'sql' | 'training';
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
}

export interface RunUsage {
  activities: ActivityUsage[];
  /** Seconds from the run's first to its last event. */
  wallSeconds: number;
  /** Largest resident size of any process of each kind (sql, training, cli, temporal), MiB. */
  largestMiB: Map<string, number>;
}

/** The recommender or model an activity's input names, when its type runs several. */
function kindOf(type: string, input: string | undefined): string | undefined {
  if (!input || (type !== 'fitRecommender' && type !== 'trainChurnModel')) return undefined;
  const v = JSON.parse(Buffer.from(input, 'base64').toString('utf8')) as { kind?: string; name?: string };
  return type === 'fitRecommender' ? v.kind : v.name;
}

/**
 * Memory: the largest resident size of a worker of the activity's queue (the SQL worker for SQL
 * activities, a training worker for training ones) while it ran. CPU: the CPU time the worker
 * that ran it (the attempt's identity, `<pid>@host`) used from its start to its end; a training
 * worker runs one activity at a time, so that is the activity's own, while the SQL worker may
 * overlap two. CPU time does not grow with a busy host the way wall time does.
 */
export function runUsage(historyFile: string, samplesFile: string): RunUsage {
  const events = (JSON.parse(readFileSync(historyFile, 'utf8')) as { events: HistoryEvent[] }).events;
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const seconds = (e: HistoryEvent) => Date.parse(e.eventTime) / 1000;
  const samples = readFileSync(samplesFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .map(([t, pid, kind, mib, cpu]) => ({ t: Number(t), pid, kind, mib: Number(mib), cpu: Number(cpu) }));
  const cpuBetween = (pid: string, from: number, to: number): number => {
    const mine = samples.filter((s) => s.pid === pid);
    const before = (t: number) => mine.filter((s) => s.t <= t).pop() ?? mine[0];
    return mine.length ? before(to + 1).cpu - before(from).cpu : NaN;
  };
  const activities: ActivityUsage[] = [];
  for (const e of events) {
    const done = e.activityTaskCompletedEventAttributes;
    if (!done) continue;
    const scheduled = byId.get(done.scheduledEventId)!.activityTaskScheduledEventAttributes!;
    const started = byId.get(done.startedEventId)!;
    const from = seconds(started);
    const to = seconds(e);
    const queue = scheduled.taskQueue.name.endsWith('sql') ? 'sql' : 'training';
    const type = scheduled.activityType.name;
    const kind = kindOf(type, scheduled.input?.payloads?.[0]?.data);
    activities.push({
      name: kind ? `${type} ${kind}` : type,
      type,
      queue,
      seconds: to - from,
      cpuSeconds: cpuBetween(started.activityTaskStartedEventAttributes!.identity.split('@')[0], from, to),
      // A training activity may run on any training worker: the largest one in its window bounds it.
      peakMiB: Math.max(0, ...samples.filter((s) => s.kind === queue && s.t >= from - 1 && s.t <= to + 1).map((s) => s.mib)),
    });
  }
  const largestMiB = new Map<string, number>();
  for (const s of samples) largestMiB.set(s.kind, Math.max(largestMiB.get(s.kind) ?? 0, s.mib));
  return { activities, wallSeconds: seconds(events[events.length - 1]) - seconds(events[0]), largestMiB };
}
