import type { SqlDeps, TrainingDeps } from './deps';
import { createBuildRunFeaturesActivity, createBuildScoringSnapshotActivity, createExportRunDataActivity } from './sql/feature-activities';
import { createChampionActivities } from './sql/champion-activities';
import { createPublishChurnActivity } from './sql/publish-churn-activity';
import { createPublishRecommendationsActivity } from './sql/publish-recommendations-activity';
import { createIngestLogsActivity } from './sql/ingest-logs-activity';
import { createWriteRunReportActivity } from './sql/write-report-activity';
import { createResolveRunWindowActivity } from './sql/run-window-activity';
import { createChurnActivities } from './training/churn-activities';
import { createBlendActivity } from './training/blend-activity';
import { createRecsysActivities } from './training/recsys-activities';
import { createGuardActivities } from './training/guard-activities';

/** Activities of the SQL task queue. Dependencies are injected so tests can hand in their own engine. */
export function createSqlActivities(deps: SqlDeps) {
  return {
    ingestLogs: createIngestLogsActivity(deps),
    buildRunFeatures: createBuildRunFeaturesActivity(deps),
    exportRunData: createExportRunDataActivity(deps),
    buildScoringSnapshot: createBuildScoringSnapshotActivity(deps),
    publishChurnScores: createPublishChurnActivity(deps),
    publishRecommendations: createPublishRecommendationsActivity(deps),
    writeRunReport: createWriteRunReportActivity(deps),
    ...createChampionActivities(deps),
    resolveRunWindow: createResolveRunWindowActivity(deps),
  };
}

/** Activities of the training task queue: pure computation over artifacts, no ClickHouse. */
export function createTrainingActivities(deps: TrainingDeps) {
  return {
    ...createChurnActivities(deps),
    ...createRecsysActivities(deps),
    blendRecommendations: createBlendActivity(deps),
    ...createGuardActivities(deps),
  };
}

export type SqlActivities = ReturnType<typeof createSqlActivities>;
export type TrainingActivities = ReturnType<typeof createTrainingActivities>;
