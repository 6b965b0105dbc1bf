export { churnPipeline } from './churn-pipeline';
export { sqlQuery } from './sql-query';
export { logIngest } from './log-ingest';
export { featureStage } from './feature-stage';
