import { availableParallelism } from 'node:os';

/** Threads a model uses when not told: every core the process may run on. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
