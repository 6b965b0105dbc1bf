import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Settings } from '../config/settings';
import { ensureSearchAttributes } from './search-attributes';

/** Address of the Temporal server workers and clients use: `TEMPORAL_ADDRESS`, else the local dev server. */
export function temporalAddress(settings: Settings): string {
  return settings.temporal.address ?? `127.0.0.1:${settings.temporal.devPort}`;
}

export interface WorkerSpec {
  taskQueue: string;
  activities?: WorkerOptions['activities'];
  /** Set on the worker that also runs workflow tasks. */
  workflowsPath?: string;
  maxConcurrentActivityTaskExecutions?: number;
}

/**
 * Runs one or more workers on one connection until SIGINT/SIGTERM, then shuts them down
 * gracefully: running activities get the grace period to finish, then the process exits.
 */
export async function runWorkers(settings: Settings, specs: WorkerSpec[], onReady?: () => void): Promise<void> {
  const address = temporalAddress(settings);
  const connection = await NativeConnection.connect({ address }).catch((err: unknown) => {
    throw new Error(`cannot reach the Temporal server at ${address} (${String((err as Error).message ?? err).split('\n')[0].slice(0, 120)}); check TEMPORAL_ADDRESS, or unset it to start a local server`);
  });
  try {
    if (specs.some((s) => s.workflowsPath)) await ensureSearchAttributes(connection, settings.temporal.namespace, (line) => console.warn(`warning: ${line}`));
    const workers = await Promise.all(
      specs.map((spec) =>
        Worker.create({
          connection,
          namespace: settings.temporal.namespace,
          taskQueue: spec.taskQueue,
          activities: spec.activities,
          workflowsPath: spec.workflowsPath,
          maxConcurrentActivityTaskExecutions: spec.maxConcurrentActivityTaskExecutions,
          shutdownGraceTime: '10 seconds',
        }),
      ),
    );
    const stop = () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const running = Promise.all(workers.map((w) => w.run()));
    onReady?.();
    await running;
  } finally {
    await connection.close();
  }
}
