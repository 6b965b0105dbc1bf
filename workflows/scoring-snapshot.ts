import type { BuildRunFeaturesResult, RunArtifacts, ScoringSnapshotResult } from '../messages/features';

/*
 * Until a run's history carries this marker (see `patched`), its feature activity built the
 * scoring snapshot and its export activity wrote it; since, buildScoringSnapshot does both while
 * the models train. The helpers fold its result into the summaries the workflows return, so a
 * run reports the same fields either way.
 */
export const SCORING_SNAPSHOT_BESIDE_TRAINING = 'scoring-snapshot-beside-training';

/** The feature summary with the scoring snapshot's date, rows and time filled in. */
export function withScoringSummary(features: BuildRunFeaturesResult, scoring: ScoringSnapshotResult): BuildRunFeaturesResult {
  return {
    ...features,
    scoringSnapshotDate: scoring.snapshotDate,
    scoringRows: scoring.rows,
    stepMs: { ...features.stepMs, scoring: scoring.stepMs.scoring },
  };
}

/** The run's artifacts with the scoring matrix added. */
export function withScoringMatrix(artifacts: RunArtifacts, scoring: ScoringSnapshotResult): RunArtifacts {
  return { ...artifacts, scoringMatrix: scoring.scoringMatrix, bytes: artifacts.bytes + scoring.bytes };
}
