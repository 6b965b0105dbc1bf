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
