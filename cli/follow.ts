import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { unservedQueues } from './queue-pollers';

/** A worker has the activity and is running it. */
const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

export interface FollowOptions {
  /** With a client, the queues are checked for live workers and a queue nobody serves is said. */
  client?: Client;
  namespace?: string;
  intervalMs?: number;
  /** How long to keep trying while the server does not answer, default 15 minutes. */
  patienceMs?: number;
}

/**
 * Prints a line whenever the workflow's running activities change (name, attempt, last failure),
 * until the workflow closes. Polls describe(); the history stays the source of truth. A server
 * that stops answering (it crashed, it restarts) is waited for, not an error: the run lives on
 * the server. A task queue no worker polls is said, with what to start.
 */
export async function followProgress(handle: WorkflowHandle, print: (line: string) => void, options: FollowOptions = {}): Promise<void> {
  const intervalMs = options.intervalMs ?? 500;
  let last = '';
  let unserved = '';
  let lastQueueCheck = 0;
  for (;;) {
    const description = await patiently(() => handle.describe(), print, options.patienceMs);
    const pending = description.raw.pendingActivities ?? [];
    // Fanned-out activities (a grid search schedules dozens) are shown as one entry with a count.
    const counts = new Map<string, number>();
    for (const a of pending) {
      const failure = a.lastFailure?.message ? ` (retrying after: ${a.lastFailure.message.split('\n')[0]})` : '';
      const key = `${a.activityType?.name ?? '?'}${(a.attempt ?? 1) > 1 ? ` attempt ${a.attempt}` : ''}${failure}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const line = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => (n > 1 ? `${key} ×${n}` : key)).join(', ');
    if (line && line !== last) print(`  running: ${line}`);
    last = line;
    if (description.status.name !== 'RUNNING') return;
    if (options.client && Date.now() - lastQueueCheck > 10_000) {
      lastQueueCheck = Date.now();
      const busy = new Set(pending.flatMap((a) => (a.state === STARTED && a.lastWorkerIdentity ? [a.lastWorkerIdentity] : [])));
      const now = await unservedQueues(options.client, options.namespace ?? 'default', busy).catch(() => undefined);
      const text = now?.map((q) => `no worker polls ${q.name} (start one: ${q.start}, or musicbox up)`).join('; ');
      if (text !== undefined && text !== unserved) print(text ? `  ! ${text}; the run waits until one does` : '  every task queue has a worker again');
      if (text !== undefined) unserved = text;
    }
    await sleep(intervalMs);
  }
}

/** The workflow's result, waiting out a server that does not answer for a while. */
export function resultOf<T>(handle: WorkflowHandle, print: (line: string) => void, patienceMs?: number): Promise<T> {
  return patiently(() => handle.result() as Promise<T>, print, patienceMs);
}

/** Calls `call` until it answers; only errors of an unreachable server are waited out. */
async function patiently<T>(call: () => Promise<T>, print: (line: string) => void, patienceMs = 15 * 60_000): Promise<T> {
  let since: number | undefined;
  for (;;) {
    try {
      const value = await call();
      if (since !== undefined) print('  the Temporal server answers again; following the run');
      return value;
    } catch (err) {
      if (!unreachable(err)) throw err;
      if (since === undefined) {
        since = Date.now();
        print(`  ! the Temporal server does not answer (${String((err as Error).message).split('\n')[0].slice(0, 120)}); the run is kept on the server: waiting for it…`);
      }
      if (Date.now() - since > patienceMs) throw err;
      await sleep(2_000);
    }
  }
}

/** gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4), or a connection refused: the server is not there. */
function unreachable(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 14 || code === 4) return true;
    if (/UNAVAILABLE|ECONNREFUSED|Connection dropped|No connection established/i.test(String((e as Error).message ?? e))) return true;
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
