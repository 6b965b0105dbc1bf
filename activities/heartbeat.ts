import { Context } from '@temporalio/activity';

/*
 * Only activities call these: the CLI's --direct paths call the services, which know nothing of
 * Temporal, so there is no need to ask whether we run inside an activity.
 */

/** How often a long activity tells the server it is alive; the heartbeat timeout is several of these. */
const INTERVAL_MS = 5_000;

/** Records progress details on the activity's heartbeat. */
export function reportProgress(details: unknown): void {
  Context.current().heartbeat(details);
}

/**
 * Heartbeats every few seconds while `work` runs (a single long SQL statement gives no natural
 * point to report), so that a worker that dies is noticed within the heartbeat timeout.
 */
export async function keepAlive<T>(work: () => Promise<T>, details: () => unknown = () => undefined): Promise<T> {
  const ctx = Context.current();
  const timer = setInterval(() => ctx.heartbeat(details()), INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
