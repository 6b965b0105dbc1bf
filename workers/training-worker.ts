import { createTrainingActivities } from '../activities';
import { resolveSettings } from '../config/settings';
import { TASK_QUEUES } from '../messages/task-queues';
import { runWorkers, temporalAddress } from './run-worker';
import { runMain } from './main';
import { connectTrainingStore } from './training-store';

/**
 * The training worker: CPU-heavy activities over artifacts. It runs one activity at a time,
 * because an activity's arithmetic runs on the process's one JavaScript thread: a second slot
 * would only interleave with the first. Parallelism comes from more processes (the local stack
 * starts one per core) and more machines. `MUSICBOX_TRAINING_SLOTS` overrides the slot count.
 * The process's thread budget (`MUSICBOX_THREADS`) is shared by its slots: a forest's or a
 * booster's helper threads come out of it, never on top of it. It checks its artifact store
 * before it polls for work.
 */
runMain(async () => {
  const settings = resolveSettings();
  const slots = settings.training.slots;
  const threads = Math.max(1, Math.floor(settings.threads / slots));
  const { store, close } = await connectTrainingStore(settings);
  try {
    await runWorkers(
      settings,
      [{ taskQueue: TASK_QUEUES.training, activities: createTrainingActivities({ store, threads }), maxConcurrentActivityTaskExecutions: slots }],
      () => console.log(`training worker ready, artifacts in ${store.location}, Temporal ${temporalAddress(settings)}`),
    );
  } finally {
    await close();
  }
});
