import { proxyActivities } from '@temporalio/workflow';
import type { SqlActivities, TrainingActivities } from '../activities';
import { NON_RETRYABLE_TYPES } from '../messages/failure-types';
import type { ServiceClientActivities } from '../activities/service/signal-service-activity';
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

const TRAINING_OPTIONS = {
  taskQueue: TASK_QUEUES.training,
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '5 minutes',
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
} as const;

/** CPU-heavy activities on the training queue, at the default task priority (3). */
export const training = proxyActivities<TrainingActivities>(TRAINING_OPTIONS);

/**
 * Grid units: many short activities (at most 14 s each at seed scale) that heartbeat every few
 * seconds, so a training worker that dies is found within 30 s and its unit handed to another.
 * The other training activities fit for minutes on the worker's one thread, which cannot
 * heartbeat meanwhile, so they keep the long timeout above.
 */
const UNIT_OPTIONS = { ...TRAINING_OPTIONS, heartbeatTimeout: '30 seconds' } as const;
export const trainingUnits = proxyActivities<TrainingActivities>(UNIT_OPTIONS);

/**
 * Training work that bounds the run's end, handed out before anything queued at the default
 * priority (Temporal task priority: a lower key goes first). `longest`: the single activity
 * longer than any chain it could wait for (the NMF fit); `criticalPath`: the grid, its summary
 * and the tuned forest, which the best model's scoring waits for.
 */
export const trainingFirst = {
  longest: proxyActivities<TrainingActivities>({ ...TRAINING_OPTIONS, priority: { priorityKey: 1 } }),
  criticalPath: proxyActivities<TrainingActivities>({ ...TRAINING_OPTIONS, priority: { priorityKey: 2 } }),
  /** The grid's shared forests: units like the grid units above (a forest yields between trees, so it heartbeats). */
  gridUnits: proxyActivities<TrainingActivities>({ ...UNIT_OPTIONS, priority: { priorityKey: 2 } }),
};

/** Temporal client calls from the SQL worker (signal-with-start of the service), short and retried. */
export const serviceClient = proxyActivities<ServiceClientActivities>({
  taskQueue: TASK_QUEUES.sql,
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});
