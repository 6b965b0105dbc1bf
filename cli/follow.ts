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
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
