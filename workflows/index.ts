export { churnPipeline } from './churn-pipeline';
export { logIngest } from './log-ingest';
export { featureStage } from './feature-stage';
export { musicboxService } from './musicbox-service';
export { scheduledRetrain } from './scheduled-retrain';
export { scoreCurrentUsers } from './score-current-users';
