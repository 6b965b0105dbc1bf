/**
 * Task queue names. SQL activities run on one queue (with the embedded engine, exactly one
 * worker process owns the data directory); CPU-heavy training runs on another, so it can scale out.
 */
export const TASK_QUEUES = {
  sql: 'musicbox-sql',
  training: 'musicbox-training',
  /** Workflow tasks: any worker process may run them; the SQL worker does by default. */
  workflows: 'musicbox-workflows',
} as const;
