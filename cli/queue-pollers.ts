import type { Client } from '@temporalio/client';
import { TASK_QUEUES } from '../messages/task-queues';

/** A poller seen this recently is a live worker (an idle worker's long poll lasts about a minute). */
const LIVE_POLLER_MS = 90_000;

/** The task queues a run waits on, and what to start to serve each. */
const QUEUES = [
  { name: TASK_QUEUES.workflows, type: 1 /* WORKFLOW */, start: 'musicbox worker sql' },
  { name: TASK_QUEUES.sql, type: 2 /* ACTIVITY */, start: 'musicbox worker sql' },
  { name: TASK_QUEUES.training, type: 2 /* ACTIVITY */, start: 'musicbox worker training' },
] as const;

/**
 * The queues no live worker serves, each with what to start. A worker serves a queue when it
 * polled it lately, or when it is running one of the run's activities (`busy`: the identities
 * the run's started activities name): a worker whose every slot is taken stops polling, and
 * DescribeTaskQueue then shows its last poll minutes ago although it is at work.
 */
export async function unservedQueues(client: Client, namespace: string, busy: ReadonlySet<string> = new Set(), now = Date.now()): Promise<{ name: string; start: string }[]> {
  const unserved: { name: string; start: string }[] = [];
  for (const q of QUEUES) {
    const described = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: q.name, kind: 1 }, taskQueueType: q.type });
    if (!servedBy(described.pollers ?? [], busy, now)) unserved.push({ name: q.name, start: q.start });
  }
  return unserved;
}

/** True when one of the queue's pollers polled within LIVE_POLLER_MS or is running an activity now. */
export function servedBy(pollers: readonly { identity?: string | null; lastAccessTime?: { seconds?: unknown } | null }[], busy: ReadonlySet<string>, now: number): boolean {
  return pollers.some((p) => now - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < LIVE_POLLER_MS || (p.identity != null && busy.has(p.identity)));
}
