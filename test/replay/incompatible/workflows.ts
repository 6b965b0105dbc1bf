// A deliberately incompatible edit of churnPipeline: the features step now runs before the ingest
// it depends on. Replaying a history recorded from the real workflow must reject it.
import type { PipelineInput, PipelineResult } from '../../../messages/pipeline';
import { sql, sqlShort } from '../../../workflows/activity-stubs';

export async function churnPipeline(input: PipelineInput): Promise<PipelineResult> {
  await sql.buildRunFeatures({ params: { ...input.features, runId: input.runId ?? 'history' } });
  if (input.logsDir) await sql.ingestLogs({ dir: input.logsDir });
  throw new Error('unreachable in replay');
}

// A deliberately incompatible edit of musicboxService: it asks for a run's model where the
// recorded service first read the champions.
export async function musicboxService(): Promise<void> {
  await sqlShort.lookupChurnModel({ runId: 'history' });
  throw new Error('unreachable in replay');
}
