import os from 'node:os';
import { Client, Connection } from '@temporalio/client';

/**
 * Hands back for retry the activities a worker process of this machine was running when it died:
 * each is failed by id (RespondActivityTaskFailedById) as its dead attempt, so Temporal retries it
 * at once on another worker instead of waiting out its heartbeat timeout (minutes for an activity
 * that fits a model on its worker's one thread and cannot heartbeat meanwhile).
 * Workers are known by Temporal's default identity, `<pid>@<host>`.
 * @returns how many activities were handed back
 */
export async function handBackActivitiesOf(address: string, namespace: string, pid: number): Promise<number> {
  const identity = `${pid}@${os.hostname()}`;
  const client = new Client({ connection: await Connection.connect({ address, connectTimeout: '5 seconds' }), namespace });
  try {
    let handed = 0;
    for await (const wf of client.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
      const described = await client.workflow.getHandle(wf.workflowId, wf.runId).describe();
      for (const a of described.raw.pendingActivities ?? []) {
        if (a.state !== 2 /* STARTED */ || a.lastWorkerIdentity !== identity || !a.activityId) continue;
        await client.activity
          .fail({ workflowId: wf.workflowId, runId: wf.runId, activityId: a.activityId }, new Error(`the worker running it (pid ${pid}) died; retried on another`))
          .then(() => handed++)
          // It completed or timed out meanwhile: nothing to hand back.
          .catch(() => undefined);
      }
    }
    return handed;
  } finally {
    await client.connection.close();
  }
}
