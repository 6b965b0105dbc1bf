import { z } from 'zod';

/** A run id keys every table and artifact a run writes: lowercase letters, digits, `_` and `-`. */
export const RunId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a run id is 1–64 of a-z, 0-9, "_" or "-", starting with a letter or digit');
export type RunId = z.infer<typeof RunId>;

/** Workflow id of a pipeline run, derived from its run id so a run id can only run once at a time. */
export function pipelineWorkflowId(runId: string): string {
  return `churn-pipeline-${runId}`;
}
