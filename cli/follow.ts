import type { WorkflowHandle } from '@temporalio/client';

/**
 * Prints a line whenever the workflow's running activities change (name, attempt, last failure),
 * until the workflow closes. Polls describe(); the history stays the source of truth.
 */
export async function followProgress(handle: WorkflowHandle, print: (line: string) => void, intervalMs = 500): Promise<void> {
  let last = '';
  for (;;) {
    const description = await handle.describe();
    const pending = description.raw.pendingActivities ?? [];
    const line = pending
      .map((a) => {
        const failure = a.lastFailure?.message ? ` (retrying after: ${a.lastFailure.message})` : '';
        return `${a.activityType?.name ?? '?'}${(a.attempt ?? 1) > 1 ? ` attempt ${a.attempt}` : ''}${failure}`;
      })
      .join(', ');
    if (line && line !== last) print(`  running: ${line}`);
    last = line;
    if (description.status.name !== 'RUNNING') return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
