import type { z } from 'zod';
import {
  buildFeatures, computeScoringFeatures, exportLabelPlays, exportRatings, exportScoringMatrix, exportTrainingMatrix, resolveScoringContext,
  resolveTrainingContext, timed,
} from '../clickhouse/features';
import type { BuildRunFeaturesInput, BuildRunFeaturesResult, BuildScoringSnapshotInput, ExportRunDataInput, RunArtifacts, ScoringSnapshotResult } from '../messages/features';
import { artifactKey, type SqlDeps } from './deps';

/**
 * The feature stage as services: typed input in (parsed once by the caller, an activity or the
 * CLI), a small summary out. The run's contexts are resolved here, once per stage, and every step
 * takes them. Bad parameters throw InvalidRunParameters or FeatureStepOutputMissing.
 */

/** Cleaning, labels, the 31 features, ratings and (unless told not to) the scoring snapshot of one run. */
export async function buildRunFeatures({ ch }: Pick<SqlDeps, 'ch'>, { params, scoring = true }: z.output<typeof BuildRunFeaturesInput>): Promise<BuildRunFeaturesResult> {
  const s = await buildFeatures(ch, await resolveTrainingContext(ch, params), { scoring });
  return {
    runId: s.runId,
    snapshotDate: s.snapshotDate,
    labelled: s.labelled,
    churned: s.churned,
    featureRows: s.featureRows,
    ratingRows: s.ratings.rows,
    matrixUsers: s.ratings.matrixUsers,
    scoringSnapshotDate: s.scoring?.snapshotDate,
    scoringRows: s.scoring?.rows,
    cleaning: Object.fromEntries(Object.entries(s.cleaning).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Record<string, number | string>,
    stepMs: s.stepMs as Record<string, number>,
  };
}

const scoringMatrixKey = (runId: string) => artifactKey(runId, 'scoring-matrix.arrows');

/** Exports the run's training matrix, ratings, label-window plays and (unless told not to) scoring snapshot as Arrow. */
export async function exportRunData({ ch, store }: Pick<SqlDeps, 'ch' | 'store'>, { runId, scoring = true }: ExportRunDataInput): Promise<RunArtifacts> {
  const keys = {
    trainingMatrix: artifactKey(runId, 'training-matrix.arrows'),
    ratings: artifactKey(runId, 'ratings.arrows'),
    labelPlays: artifactKey(runId, 'label-plays.arrows'),
  };
  const scoringMatrix = scoring ? scoringMatrixKey(runId) : undefined;
  const a = await exportTrainingMatrix(ch, runId, store, keys.trainingMatrix);
  const b = scoringMatrix ? await exportScoringMatrix(ch, runId, store, scoringMatrix) : 0;
  const c = await exportRatings(ch, runId, store, keys.ratings);
  const d = await exportLabelPlays(ch, runId, store, keys.labelPlays);
  return { ...keys, ...(scoringMatrix && { scoringMatrix }), bytes: a + b + c + d };
}

/**
 * The scoring snapshot of one run (features at the latest ingested date, docs/FEATURES.md §8) and its
 * Arrow export. Only the best model's scoring reads it, so the pipeline runs this while the
 * models train instead of before.
 */
export async function buildScoringSnapshot(
  { ch, store }: Pick<SqlDeps, 'ch' | 'store'>,
  { params, asOf }: z.output<typeof BuildScoringSnapshotInput>,
): Promise<ScoringSnapshotResult> {
  const [s, scoringMs] = await timed(async () => computeScoringFeatures(ch, await resolveScoringContext(ch, params, asOf)));
  const scoringMatrix = scoringMatrixKey(params.runId);
  const [bytes, exportMs] = await timed(() => exportScoringMatrix(ch, params.runId, store, scoringMatrix));
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
}
