import fs from 'node:fs';
import path from 'node:path';
import { ensureStateFolder } from '../config/state-folder';

/** Another stack holds the state folder: nothing was started. */
export class StackLockedError extends Error {
  readonly type = 'StackLocked';
  constructor(readonly home: string, readonly pid: number) {
    super(
      `another musicbox stack (pid ${pid}) is running on the state folder ${home}; nothing was started. ` +
        'Use it (commands find it by themselves), stop it with Ctrl-C where it runs, or set MUSICBOX_HOME to another folder',
    );
    this.name = 'StackLockedError';
  }
}

const lockFile = (home: string) => path.join(home, 'stack.lock');

/**
 * Takes the state folder's stack lock before anything starts: one Temporal server on one SQLite
 * file, one SQL worker on one engine. The lock is a file holding the owner's pid, created by an
 * atomic link (it fails when the file exists); a lock whose pid is dead is taken over.
 * @returns a function that gives the lock up
 */
export function acquireStackLock(home: string): () => void {
  ensureStateFolder(home);
  const file = lockFile(home);
  const mine = `${file}.${process.pid}`;
  fs.writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(mine, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(home, err);
        const holder = readPid(file);
        if (holder !== undefined && alive(holder)) throw new StackLockedError(home, holder);
        // Its owner died without giving it up (SIGKILL, a crash): take it over.
        fs.rmSync(file, { force: true });
      }
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  return () => {
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
  };
}

function lockError(home: string, err: unknown): Error {
  const holder = readPid(lockFile(home));
  return holder !== undefined && alive(holder) ? new StackLockedError(home, holder) : (err as Error);
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
