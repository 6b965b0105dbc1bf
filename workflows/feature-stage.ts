import { patched } from '@temporalio/workflow';
import { BuildRunFeaturesInput, type BuildRunFeaturesResult, type RunArtifacts } from '../messages/features';
import { sql } from './activity-stubs';
import { SCORING_SNAPSHOT_BESIDE_TRAINING, withScoringMatrix, withScoringSummary } from './scoring-snapshot';
import { parseWorkflowInput } from './workflow-input';

/** The feature stage alone on already ingested data (`musicbox features`): tables, then exports. */
export async function featureStage(rawInput: BuildRunFeaturesInput): Promise<{ features: BuildRunFeaturesResult; artifacts: RunArtifacts }> {
  const input = parseWorkflowInput('featureStage', BuildRunFeaturesInput, rawInput);
  const wantScoring = input.scoring ?? true;
  if (!patched(SCORING_SNAPSHOT_BESIDE_TRAINING) || !wantScoring) {
    const features = await sql.buildRunFeatures(input);
    const artifacts = await sql.exportRunData({ runId: features.runId, scoring: wantScoring });
    return { features, artifacts };
  }
  const features = await sql.buildRunFeatures({ ...input, scoring: false });
  const [artifacts, scoring] = await Promise.all([
    sql.exportRunData({ runId: features.runId, scoring: false }),
    sql.buildScoringSnapshot({ params: input.params }),
  ]);
  return { features: withScoringSummary(features, scoring), artifacts: withScoringMatrix(artifacts, scoring) };
}
