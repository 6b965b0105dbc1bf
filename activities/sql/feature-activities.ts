import { ApplicationFailure } from '@temporalio/common';
import { buildFeatures, exportLabelPlays, exportRatings, exportScoringMatrix, exportTrainingMatrix, FeatureStepOutputMissing, InvalidRunParameters, parseFeatureParams } from '../../clickhouse/features';
import { BuildRunFeaturesInput, ExportRunDataInput, type BuildRunFeaturesResult, type RunArtifacts } from '../../messages/features';
import { artifactKey, artifactPath, type SqlDeps } from '../deps';
import { keepAlive } from '../heartbeat';

/** Cleaning, labels, the 31 features, ratings and the scoring snapshot of one run, in ClickHouse. */
export function createBuildRunFeaturesActivity({ ch }: SqlDeps) {
  return async function buildRunFeatures(raw: BuildRunFeaturesInput): Promise<BuildRunFeaturesResult> {
    const { params } = BuildRunFeaturesInput.parse(raw);
    const s = await nonRetryableOnBadInput(() => keepAlive(() => buildFeatures(ch, params)));
    const { minRatedSongs } = parseFeatureParams(params);
    return {
      runId: s.runId,
      snapshotDate: s.snapshotDate,
      labelled: s.labelled,
      churned: s.churned,
      featureRows: s.featureRows,
      ratingRows: s.ratings.rows,
      matrixUsers: s.ratings.matrixUsers,
      minRatedSongs,
      scoringSnapshotDate: s.scoring?.snapshotDate,
      scoringRows: s.scoring?.rows,
      cleaning: Object.fromEntries(Object.entries(s.cleaning).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Record<string, number | string>,
      stepMs: s.stepMs as Record<string, number>,
    };
  };
}

/** Exports the run's training matrix, scoring snapshot and ratings as Arrow for the training queue. */
export function createExportRunDataActivity({ ch, artifactsDir }: SqlDeps) {
  return async function exportRunData(raw: ExportRunDataInput): Promise<RunArtifacts> {
    const { runId } = ExportRunDataInput.parse(raw);
    const keys = {
      trainingMatrix: artifactKey(runId, 'training-matrix.arrows'),
      scoringMatrix: artifactKey(runId, 'scoring-matrix.arrows'),
      ratings: artifactKey(runId, 'ratings.arrows'),
      labelPlays: artifactKey(runId, 'label-plays.arrows'),
    };
    const bytes = await keepAlive(async () => {
      const a = await exportTrainingMatrix(ch, runId, artifactPath(artifactsDir, keys.trainingMatrix));
      const b = await exportScoringMatrix(ch, runId, artifactPath(artifactsDir, keys.scoringMatrix));
      const c = await exportRatings(ch, runId, artifactPath(artifactsDir, keys.ratings));
      const d = await exportLabelPlays(ch, runId, artifactPath(artifactsDir, keys.labelPlays));
      return a + b + c + d;
    });
    return { ...keys, bytes };
  };
}

/** Bad parameters fail the same way on every attempt: tell Temporal not to retry them. */
async function nonRetryableOnBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof InvalidRunParameters || err instanceof FeatureStepOutputMissing) throw ApplicationFailure.nonRetryable(err.message, err.type);
    throw err;
  }
}
