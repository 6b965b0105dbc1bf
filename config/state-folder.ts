import fs from 'node:fs';

/**
 * Creates the state folder when missing, readable by its owner only: it holds the engine's data,
 * Temporal's database (every run's inputs and results) and the logs. A folder that exists already
 * is left as its owner set it.
 */
export function ensureStateFolder(home: string): void {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
}
