import { proxyActivities } from '@temporalio/workflow';
import type { SqlActivities, TrainingActivities } from '../activities';
import { NON_RETRYABLE_TYPES } from '../messages/failure-types';
import { TASK_QUEUES } from '../messages/task-queues';

const NON_RETRYABLE = [...NON_RETRYABLE_TYPES];

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

/**
 * Grid units: many short activities (at most 14 s each at seed scale) that heartbeat every few
 * seconds, so a training worker that dies is found within 30 s and its unit handed to another.
 * The other training activities fit for minutes on the worker's one thread, which cannot
 * heartbeat meanwhile, so they keep the long timeout below.
 */
export const trainingUnits = proxyActivities<TrainingActivities>({
  taskQueue: TASK_QUEUES.training,
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});

/** CPU-heavy activities on the training queue. */
export const training = proxyActivities<TrainingActivities>({
  taskQueue: TASK_QUEUES.training,
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '5 minutes',
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});
