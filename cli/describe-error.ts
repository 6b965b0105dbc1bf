/**
 * One line from an error and its causes, e.g. a failed workflow's failed activity and that
 * activity's own error: "Workflow execution failed: Activity task failed (trainChurnModel): …".
 */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && parts.length < 6; e = (e as { cause?: unknown }).cause) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const activity = (e as { activityType?: unknown }).activityType;
    const issues = (e as { issues?: unknown }).issues;
    if (Array.isArray(issues)) parts.push(describeIssues(issues as { path?: PropertyKey[]; message?: string }[]));
    else parts.push(typeof activity === 'string' ? `${e.message} (${activity})` : e.message);
  }
  return parts.filter((p, i) => p !== parts[i - 1]).join(': ');
}

/** A validation error's issues (zod) on one line: "invalid batchFiles: Too big: expected number to be <=64". */
function describeIssues(issues: { path?: PropertyKey[]; message?: string }[]): string {
  return issues.map((i) => `invalid ${i.path?.length ? i.path.map(String).join('.') : 'input'}: ${i.message ?? 'rejected'}`).join('; ');
}
