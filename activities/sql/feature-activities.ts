import { BuildRunFeaturesInput, BuildScoringSnapshotInput, ExportRunDataInput, type BuildRunFeaturesResult, type RunArtifacts, type ScoringSnapshotResult } from '../../messages/features';
import * as featureStage from '../../services/feature-stage';
import { adapt } from '../adapter';
import type { SqlDeps } from '../deps';
import { keepAlive } from '../heartbeat';

/*
 * The feature stage's activities: parse, call the service (services/feature-stage.ts), heartbeat
 * while it runs. The CLI's `features --direct` calls the same services without Temporal.
 */

export function createBuildRunFeaturesActivity(deps: SqlDeps) {
  return (raw: BuildRunFeaturesInput): Promise<BuildRunFeaturesResult> =>
    adapt(BuildRunFeaturesInput, raw, (input) => keepAlive(() => featureStage.buildRunFeatures(deps, input)));
}

export function createExportRunDataActivity(deps: SqlDeps) {
  return (raw: ExportRunDataInput): Promise<RunArtifacts> => adapt(ExportRunDataInput, raw, (input) => keepAlive(() => featureStage.exportRunData(deps, input)));
}

export function createBuildScoringSnapshotActivity(deps: SqlDeps) {
  return (raw: BuildScoringSnapshotInput): Promise<ScoringSnapshotResult> =>
    adapt(BuildScoringSnapshotInput, raw, (input) => keepAlive(() => featureStage.buildScoringSnapshot(deps, input)));
}
