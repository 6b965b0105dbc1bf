import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { resolveSettings, type Settings } from '../../config/settings';
import { spawnWorker, type WorkerKind } from '../../cli/stack';
import { tempHome } from './engine';

/** The suite's Temporal server (started once per run by run-suite.ts). */
export function testTemporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('workflow tests need TEMPORAL_ADDRESS: run them with scripts/run-tests.sh workflow (or scripts/run-tests.sh test/workflow/FILE.test.ts), which starts a dev server');
  return address;
}

/** Settings of an isolated musicbox home for one test file, on the suite's Temporal server. */
export function testSettings(home = tempHome()): Settings {
  return resolveSettings({ ...process.env, MUSICBOX_HOME: home, TEMPORAL_ADDRESS: testTemporalAddress() });
}

/** Starts a real worker process (the same entry point users run). */
export function startWorker(settings: Settings, kind: WorkerKind): Promise<ChildProcess> {
  return spawnWorker(settings, kind, testTemporalAddress(), false);
}

export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  // A process killed by a signal keeps exitCode null: it has exited all the same.
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

export async function testClient(): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address: testTemporalAddress() }) });
}
