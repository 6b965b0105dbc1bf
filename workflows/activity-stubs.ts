import { proxyActivities } from '@temporalio/workflow';
import type { SqlActivities, TrainingActivities } from '../activities';
import { TASK_QUEUES } from '../messages/task-queues';

/** Failures that no retry can fix: bad input or parameters. Matched by `type` on the error classes. */
export const NON_RETRYABLE = ['InvalidInput', 'InvalidRunParameters', 'FeatureStepOutputMissing', 'InvalidLogFolder'];

/** SQL activities: one worker process owns the engine; long steps heartbeat every 5 s so a dead worker is noticed fast. */
export const sql = proxyActivities<SqlActivities>({
  taskQueue: TASK_QUEUES.sql,
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Short SQL activities (bookkeeping, queries). */
export const sqlShort = proxyActivities<SqlActivities>({
  taskQueue: TASK_QUEUES.sql,
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** CPU-heavy activities on the training queue. */
export const training = proxyActivities<TrainingActivities>({
  taskQueue: TASK_QUEUES.training,
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '5 minutes',
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});
