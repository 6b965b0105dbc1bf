import { ApplicationFailure, log } from '@temporalio/workflow';
import { ChurnOptions } from '../messages/churn';
import { PipelineInput, type PipelineResult } from '../messages/pipeline';
import { RecsysOptions } from '../messages/recsys';
import { sql } from './activity-stubs';
import { trainAndScoreChurn } from './churn-branch';
import { recommendSongs } from './recsys-branch';

/**
 * The musicbox pipeline for one run id: ingest the raw logs (when a folder is given), build the
 * run's cleaning report, labels, features, ratings and scoring snapshot in ClickHouse, export them
 * as Arrow, then train and score churn models and fit, judge, blend and publish recommenders side
 * by side on the training queue. Returns a summary; the data stays in ClickHouse and artifacts.
 * Deterministic orchestration only; every side effect is an activity.
 */
export async function churnPipeline(rawInput: PipelineInput): Promise<PipelineResult> {
  const parsed = PipelineInput.safeParse(rawInput);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`invalid pipeline input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'InvalidInput');
  }
  const input = parsed.data;
  log.info('pipeline started', { runId: input.runId });
  const ingest = input.logsDir ? await sql.ingestLogs({ dir: input.logsDir }) : undefined;
  const features = await sql.buildRunFeatures({ params: { ...input.features, runId: input.runId } });
  const artifacts = await sql.exportRunData({ runId: input.runId });
  // Churn and recommendations read the same exports and do not depend on each other.
  const branches = input.branches ?? ['churn', 'recommendations'];
  const [churn, recommendations] = await Promise.all([
    branches.includes('churn') ? trainAndScoreChurn(input.runId, artifacts, ChurnOptions.parse(input.churn ?? {})) : undefined,
    branches.includes('recommendations')
      ? recommendSongs(input.runId, artifacts, RecsysOptions.parse({ ...input.recommendations, minRatedSongs: features.minRatedSongs }))
      : undefined,
  ]);
  return {
    runId: input.runId,
    ingest: ingest && { files: ingest.files, loaded: ingest.loaded, repaired: ingest.repaired, rejected: ingest.rejected, skipped: ingest.unchangedFiles },
    features,
    artifacts,
    churn,
    recommendations,
  };
}
