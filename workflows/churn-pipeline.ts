import { ApplicationFailure, log, patched } from '@temporalio/workflow';
import { ChurnOptions } from '../messages/churn';
import { FeatureParams } from '../messages/feature-params';
import { PipelineInput, type PipelineResult } from '../messages/pipeline';
import { RecsysOptions } from '../messages/recsys';
import { sql } from './activity-stubs';
import { trainAndScoreChurn } from './churn-branch';
import { recommendSongs } from './recsys-branch';
import { withRunReport } from './run-report';
import { SCORING_SNAPSHOT_BESIDE_TRAINING, withScoringMatrix, withScoringSummary } from './scoring-snapshot';
import { AS_OF_WINDOWS, placeRun } from './place-run';
import { parseWorkflowInput } from './workflow-input';

/**
 * The musicbox pipeline for one run id: ingest the raw logs (when a folder is given), build the
 * run's cleaning report, labels, features and ratings in ClickHouse, export them as Arrow, then
 * train and score churn models and fit, judge, blend and publish recommenders side by side on the
 * training queue. The scoring snapshot, read only when the best model scores users, is built while
 * the models train; the run's HTML report is written last. Returns a summary; the data stays in
 * ClickHouse and artifacts.
 * Deterministic orchestration only; every side effect is an activity.
 */
export async function churnPipeline(rawInput: PipelineInput): Promise<PipelineResult> {
  const input = parseWorkflowInput('churnPipeline', PipelineInput, rawInput);
  const ingest = input.logsDir ? await sql.ingestLogs({ dir: input.logsDir }) : undefined;
  // Runs from before the marker had a run id, and their snapshot was the one given or the seed's default.
  const placed = patched(AS_OF_WINDOWS) ? await placeRun(input) : undefined;
  const runId = placed?.runId ?? input.runId;
  if (!runId) throw ApplicationFailure.nonRetryable('invalid churnPipeline input: runId is required', 'InvalidInput');
  log.info('pipeline started', { runId, asOf: placed?.window.asOf });
  // Resolved here, once: the recommenders' utility-matrix threshold is a feature parameter, not a result of the stage.
  const params = FeatureParams.parse({ ...input.features, runId, ...(placed && { snapshotDate: placed.window.snapshotDate }) });
  // Histories recorded before the marker built and exported the scoring snapshot in the two activities below.
  const besideTraining = patched(SCORING_SNAPSHOT_BESIDE_TRAINING);
  const built = await sql.buildRunFeatures({ params, scoring: !besideTraining });
  const exported = await sql.exportRunData({ runId, scoring: !besideTraining });
  const scoring = besideTraining ? sql.buildScoringSnapshot({ params }) : undefined;
  const scoringMatrix = async () => (scoring ? (await scoring).scoringMatrix : exported.scoringMatrix);
  // Churn and recommendations read the same exports and do not depend on each other.
  const branches = input.branches ?? ['churn', 'recommendations'];
  const [churn, recommendations, snapshot] = await Promise.all([
    branches.includes('churn') ? trainAndScoreChurn(runId, exported, ChurnOptions.parse(input.churn ?? {}), scoringMatrix) : undefined,
    branches.includes('recommendations')
      ? recommendSongs(runId, exported, RecsysOptions.parse({ ...input.recommendations, minRatedSongs: params.minRatedSongs }))
      : undefined,
    scoring,
  ]);
  const features = snapshot ? withScoringSummary(built, snapshot) : built;
  const artifacts = snapshot ? withScoringMatrix(exported, snapshot) : exported;
  return withRunReport({
    runId,
    ...(placed && { window: placed.window }),
    ingest: ingest && { files: ingest.files, loaded: ingest.loaded, repaired: ingest.repaired, rejected: ingest.rejected, skipped: ingest.unchangedFiles },
    features,
    artifacts,
    churn,
    recommendations,
  });
}
