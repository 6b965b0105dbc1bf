import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { z } from 'zod';
import { describeInputIssues } from '../messages/input-issues';

/** Marker of runs whose input is strict: before it, unknown keys were dropped without a word. */
export const STRICT_WORKFLOW_INPUT = 'strict-workflow-input';

/**
 * Parses a workflow's input once, at its boundary. A bad value or an unknown key (`logdir` for
 * `logsDir`) fails the run at once, not retried, with a message naming the key; a typo must never
 * run a pipeline that silently leaves out what was asked for.
 */
export function parseWorkflowInput<S extends z.ZodType>(workflow: string, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  // A run started before inputs were strict ignored unknown keys: its replay must do the same.
  // patched() is asked only here, so a valid input leaves no marker in the history.
  if (issues.every((i) => i.code === 'unrecognized_keys') && !patched(STRICT_WORKFLOW_INPUT)) {
    return schema.parse(withoutKeys(raw, issues as z.core.$ZodIssueUnrecognizedKeys[]));
  }
  throw ApplicationFailure.nonRetryable(`invalid ${workflow} input: ${describeInputIssues(schema, issues)}`, 'InvalidInput');
}

/** A copy of `raw` without the keys the issues name. */
function withoutKeys(raw: unknown, issues: z.core.$ZodIssueUnrecognizedKeys[]): unknown {
  const copy = JSON.parse(JSON.stringify(raw)) as unknown;
  for (const issue of issues) {
    let at = copy as Record<string, unknown>;
    for (const step of issue.path) at = at[String(step)] as Record<string, unknown>;
    for (const key of issue.keys) delete at[key];
  }
  return copy;
}
