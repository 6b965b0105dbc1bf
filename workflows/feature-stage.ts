import type { BuildRunFeaturesInput, BuildRunFeaturesResult, RunArtifacts } from '../messages/features';
import { sql } from './activity-stubs';

/** The feature stage alone on already ingested data (`musicbox features`): tables, then exports. */
export async function featureStage(input: BuildRunFeaturesInput): Promise<{ features: BuildRunFeaturesResult; artifacts: RunArtifacts }> {
  const features = await sql.buildRunFeatures(input);
  const artifacts = await sql.exportRunData({ runId: features.runId });
  return { features, artifacts };
}
