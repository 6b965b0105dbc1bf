import { z } from 'zod';
import { PipelineResult } from './pipeline';
import { RunId } from './run-id';

export const WriteRunReportInput = z.object({
  runId: RunId,
  /** The finished run's summary, recorded first so `musicbox runs` and later reports can compare against it. */
  result: PipelineResult.optional(),
});
export type WriteRunReportInput = z.infer<typeof WriteRunReportInput>;
