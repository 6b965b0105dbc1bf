import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config/settings';
import { ensureStateFolder } from '../config/state-folder';

/** What `musicbox up` records so that other commands use the running stack instead of starting one. */
export interface StackFile {
  pid: number;
  address: string;
  uiUrl?: string;
}

const file = (settings: Settings) => path.join(settings.home, 'stack.json');

export function writeStackFile(settings: Settings, stack: StackFile): void {
  ensureStateFolder(settings.home);
  fs.writeFileSync(file(settings), JSON.stringify(stack));
}

export function removeStackFile(settings: Settings): void {
  fs.rmSync(file(settings), { force: true });
}

/** The running stack, if `musicbox up` is alive; a stale file (dead pid) is ignored. */
export function readStackFile(settings: Settings): StackFile | undefined {
  try {
    const stack = JSON.parse(fs.readFileSync(file(settings), 'utf8')) as StackFile;
    process.kill(stack.pid, 0);
    return stack;
  } catch {
    return undefined;
  }
}

/** The SQL worker's marker (written while it owns the engine), if its process is alive. */
export function readSqlWorkerMarker(settings: Settings): { pid: number; address: string; namespace: string } | undefined {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(settings.home, 'sql-worker.json'), 'utf8')) as { pid: number; address: string; namespace: string };
    process.kill(marker.pid, 0);
    return marker;
  } catch {
    return undefined;
  }
}
