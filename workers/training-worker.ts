import { createTrainingActivities } from '../activities';
import { artifactsDir, resolveSettings } from '../config/settings';
import { TASK_QUEUES } from '../messages/task-queues';
import { runWorkers, temporalAddress } from './run-worker';
import { runMain } from './main';

/**
 * The training worker: CPU-heavy activities over artifacts. It runs one activity at a time,
 * because an activity's arithmetic runs on the process's one JavaScript thread: a second slot
 * would only interleave with the first. Parallelism comes from more processes (the local stack
 * starts one per core) and more machines. `MUSICBOX_TRAINING_SLOTS` overrides the slot count.
 * The process's thread budget (`MUSICBOX_THREADS`) is shared by its slots: a forest's or a
 * booster's helper threads come out of it, never on top of it.
 */
runMain(async () => {
  const settings = resolveSettings();
  const slots = settings.training.slots;
  const threads = Math.max(1, Math.floor(settings.threads / slots));
  await runWorkers(
    settings,
    [{ taskQueue: TASK_QUEUES.training, activities: createTrainingActivities({ artifactsDir: artifactsDir(settings), threads }), maxConcurrentActivityTaskExecutions: slots }],
    () => console.log(`training worker ready, Temporal ${temporalAddress(settings)}`),
  );
});
