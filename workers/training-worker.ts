import os from 'node:os';
import { createTrainingActivities } from '../activities';
import { artifactsDir, resolveSettings } from '../config/settings';
import { TASK_QUEUES } from '../messages/task-queues';
import { runWorkers, temporalAddress } from './run-worker';
import { runMain } from './main';

/** The training worker: CPU-heavy activities over artifacts. Start as many as there are machines. */
runMain(async () => {
  const settings = resolveSettings();
  await runWorkers(
    settings,
    [{ taskQueue: TASK_QUEUES.training, activities: createTrainingActivities({ artifactsDir: artifactsDir(settings) }), maxConcurrentActivityTaskExecutions: os.availableParallelism() }],
    () => console.log(`training worker ready, Temporal ${temporalAddress(settings)}`),
  );
});
