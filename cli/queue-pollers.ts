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

/** The queues no live worker polls (DescribeTaskQueue's pollers), each with what to start. */
export async function unservedQueues(client: Client, namespace: string, now = Date.now()): Promise<{ name: string; start: string }[]> {
  const unserved: { name: string; start: string }[] = [];
  for (const q of QUEUES) {
    const described = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: q.name, kind: 1 }, taskQueueType: q.type });
    const live = (described.pollers ?? []).some((p) => now - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < LIVE_POLLER_MS);
    if (!live) unserved.push({ name: q.name, start: q.start });
  }
  return unserved;
}
