// A deliberately incompatible edit of churnPipeline: the features step now runs before the ingest
// it depends on. Replaying a history recorded from the real workflow must reject it.
import type { PipelineInput, PipelineResult } from '../../../messages/pipeline';
import { sql } from '../../../workflows/activity-stubs';

export async function churnPipeline(input: PipelineInput): Promise<PipelineResult> {
  await sql.buildRunFeatures({ params: { ...input.features, runId: input.runId } });
  if (input.logsDir) await sql.ingestLogs({ dir: input.logsDir });
  throw new Error('unreachable in replay');
}
