import type { Client, ScheduleDescription, ScheduleSummary } from '@temporalio/client';
import type { Settings } from '../config/settings';
import { addDays } from '../messages/dates';
import { SCHEDULE_KINDS, ScheduleId, type ScheduleKind } from '../messages/schedule-kinds';
import { describeInputIssues } from '../messages/input-issues';
import { TASK_QUEUES } from '../messages/task-queues';
import { readStackFile } from './stack-file';
import { connectClient } from './temporal-client';

/*
 * The schedule verbs over the SDK's schedule client. Schedules live in the Temporal server and
 * start runs on the workers polling `musicbox-workflows`, so these commands need a server that
 * stays up (`musicbox up`, or TEMPORAL_ADDRESS) rather than one started for the command.
 */

/** A client of the server schedules live in: the running stack's, else TEMPORAL_ADDRESS. */
export async function scheduleClient(settings: Settings): Promise<Client> {
  const address = readStackFile(settings)?.address ?? settings.temporal.address;
  if (!address) throw new Error('schedules live in a Temporal server that keeps running: start one with `musicbox up` (or set TEMPORAL_ADDRESS) and run this again');
  return connectClient(address, settings.temporal.namespace);
}

export interface CreateScheduleOptions {
  id?: string;
  cron?: string;
  /** Extra workflow input every tick gets, as JSON (checked against the kind's input schema). */
  input?: string;
  logsDir?: string;
  paused?: boolean;
}

/** Creates a schedule of `kind`; returns its id. */
export async function createSchedule(client: Client, kind: ScheduleKind, opts: CreateScheduleOptions): Promise<string> {
  const spec = SCHEDULE_KINDS[kind];
  const id = ScheduleId.parse(opts.id ?? kind);
  const raw = { ...(opts.input ? (JSON.parse(opts.input) as object) : {}), ...(opts.logsDir && { logsDir: opts.logsDir }) };
  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid --input for a ${kind} schedule: ${describeInputIssues(spec.input, parsed.error.issues)}`);
  await client.schedule.create({
    scheduleId: id,
    spec: { cronExpressions: [opts.cron ?? spec.cron] },
    action: {
      type: 'startWorkflow',
      workflowType: spec.workflowType,
      taskQueue: TASK_QUEUES.workflows,
      workflowId: id,
      args: [raw],
      staticSummary: `${kind} run of schedule ${id}`,
    },
    policies: { overlap: spec.overlap, catchupWindow: spec.catchupWindow },
    state: { paused: opts.paused ?? false, note: `musicbox ${kind} schedule` },
    memo: { kind },
  });
  return id;
}

/**
 * Starts the ticks whose as-of dates fall in [from, to], one run per tick, each with its own
 * windows and run id. A tick's as-of date is the day before it, so the ticks looked for are those
 * from the day after `from` to the end of the day after `to`. They run one after another
 * (BUFFER_ALL), whatever the schedule's own overlap policy, so none is dropped.
 */
export async function backfillSchedule(client: Client, id: string, from: string, to: string): Promise<void> {
  if (to < from) throw new Error(`--to ${to} is before --from ${from}`);
  const start = new Date(`${addDays(from, 1)}T00:00:00Z`);
  const end = new Date(Date.parse(`${addDays(to, 2)}T00:00:00Z`) - 1);
  await client.schedule.getHandle(id).backfill({ start, end, overlap: 'BUFFER_ALL' });
}

/** One line per schedule: id, kind, paused or not, next tick. */
export function scheduleLine(s: ScheduleSummary | ScheduleDescription): string {
  const kind = typeof s.memo?.kind === 'string' ? s.memo.kind : '?';
  const next = s.info.nextActionTimes[0]?.toISOString() ?? 'none';
  return `${s.scheduleId}  ${kind}  ${s.state.paused ? 'paused' : 'active'}  next tick ${next}`;
}

/** What `describe` prints: the line above, the policies and the latest runs. */
export function describeSchedule(d: ScheduleDescription): string[] {
  const action = d.action.type === 'startWorkflow' ? `${d.action.workflowType} on ${d.action.taskQueue}, input ${JSON.stringify(d.action.args?.[0] ?? {})}` : d.action.type;
  return [
    scheduleLine(d),
    `  starts ${action}`,
    `  overlap ${d.policies.overlap}, catch-up window ${Math.round(d.policies.catchupWindow / 60_000)} min`,
    `  runs so far ${d.info.numActionsTaken}, missed by catch-up ${d.info.numActionsMissedCatchupWindow}, skipped by overlap ${d.info.numActionsSkippedOverlap}`,
    ...d.info.recentActions.slice(-5).map((a) => `  ${a.scheduledAt.toISOString()} → workflow ${a.action.workflow.workflowId}`),
  ];
}
