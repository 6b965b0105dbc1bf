import { ApplicationFailure } from '@temporalio/common';
import {
  buildFeatures, computeScoringFeatures, exportLabelPlays, exportRatings, exportScoringMatrix, exportTrainingMatrix, FeatureStepOutputMissing,
  InvalidRunParameters, parseFeatureParams, timed,
} from '../../clickhouse/features';
import {
  BuildRunFeaturesInput, BuildScoringSnapshotInput, ExportRunDataInput, type BuildRunFeaturesResult, type RunArtifacts, type ScoringSnapshotResult,
} from '../../messages/features';
import { artifactKey, artifactPath, type SqlDeps } from '../deps';
import { keepAlive } from '../heartbeat';

/** Cleaning, labels, the 31 features, ratings and (unless told not to) the scoring snapshot of one run, in ClickHouse. */
export function createBuildRunFeaturesActivity({ ch }: SqlDeps) {
  return async function buildRunFeatures(raw: BuildRunFeaturesInput): Promise<BuildRunFeaturesResult> {
    const { params, scoring } = BuildRunFeaturesInput.parse(raw);
    const s = await nonRetryableOnBadInput(() => keepAlive(() => buildFeatures(ch, params, { scoring })));
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

const scoringMatrixKey = (runId: string) => artifactKey(runId, 'scoring-matrix.arrows');

/** Exports the run's training matrix, ratings, label-window plays and (unless told not to) scoring snapshot as Arrow for the training queue. */
export function createExportRunDataActivity({ ch, artifactsDir }: SqlDeps) {
  return async function exportRunData(raw: ExportRunDataInput): Promise<RunArtifacts> {
    const { runId, scoring = true } = ExportRunDataInput.parse(raw);
    const keys = {
      trainingMatrix: artifactKey(runId, 'training-matrix.arrows'),
      ratings: artifactKey(runId, 'ratings.arrows'),
      labelPlays: artifactKey(runId, 'label-plays.arrows'),
    };
    const scoringMatrix = scoring ? scoringMatrixKey(runId) : undefined;
    const bytes = await keepAlive(async () => {
      const a = await exportTrainingMatrix(ch, runId, artifactPath(artifactsDir, keys.trainingMatrix));
      const b = scoringMatrix ? await exportScoringMatrix(ch, runId, artifactPath(artifactsDir, scoringMatrix)) : 0;
      const c = await exportRatings(ch, runId, artifactPath(artifactsDir, keys.ratings));
      const d = await exportLabelPlays(ch, runId, artifactPath(artifactsDir, keys.labelPlays));
      return a + b + c + d;
    });
    return { ...keys, ...(scoringMatrix && { scoringMatrix }), bytes };
  };
}

/**
 * The scoring snapshot of one run (features at the latest ingested date, docs/FEATURES.md §8) and its
 * Arrow export. Only the best model's scoring reads it, so the pipeline runs this while the
 * models train instead of before.
 */
export function createBuildScoringSnapshotActivity({ ch, artifactsDir }: SqlDeps) {
  return async function buildScoringSnapshot(raw: BuildScoringSnapshotInput): Promise<ScoringSnapshotResult> {
    const { params } = BuildScoringSnapshotInput.parse(raw);
    const [s, scoringMs] = await nonRetryableOnBadInput(() => keepAlive(() => timed(() => computeScoringFeatures(ch, params))));
    const scoringMatrix = scoringMatrixKey(params.runId);
    const [bytes, exportMs] = await keepAlive(() => timed(() => exportScoringMatrix(ch, params.runId, artifactPath(artifactsDir, scoringMatrix))));
    return {
      runId: params.runId,
      snapshotDate: s.snapshotDate,
      rows: s.rows,
      bots: s.report.bots,
      members: s.report.members,
      scoringMatrix,
      bytes,
      stepMs: { scoring: scoringMs, export: exportMs },
    };
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
