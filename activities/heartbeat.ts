import { Context } from '@temporalio/activity';

/** How often a long activity tells the server it is alive; the heartbeat timeout is several of these. */
const INTERVAL_MS = 5_000;

/** True when running inside a Temporal activity (not a direct call from the CLI or a benchmark). */
function inActivity(): boolean {
  try {
    Context.current();
    return true;
  } catch {
    return false;
  }
}

/** Records progress details on the activity's heartbeat; a no-op outside an activity. */
export function reportProgress(details: unknown): void {
  if (inActivity()) Context.current().heartbeat(details);
}

/**
 * Heartbeats every few seconds while `work` runs (a single long SQL statement gives no natural
 * point to report), so that a worker that dies is noticed within the heartbeat timeout.
 */
export async function keepAlive<T>(work: () => Promise<T>, details: () => unknown = () => undefined): Promise<T> {
  if (!inActivity()) return work();
  const ctx = Context.current();
  const timer = setInterval(() => ctx.heartbeat(details()), INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
