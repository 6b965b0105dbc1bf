import type { ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
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

/** What most workflow test files run against: a SQL and a training worker on a fresh state folder, and a client of the suite's server. */
export interface WorkflowStack {
  settings: Settings;
  client: Client;
  workers: ChildProcess[];
}

/**
 * Starts a workflow stack before the file's first test and stops it after its last; `setUp`, the
 * file's own preparation (logs to generate, a first ingest), runs once the stack is up. It runs in
 * the same hook because the root `before` hooks of a file run side by side, not one after another.
 * The fields are set once that hook has run: read them in tests, not at load.
 */
export function useWorkflowStack(setUp?: () => Promise<void>): WorkflowStack {
  const stack = {} as WorkflowStack;
  before(async () => {
    stack.settings = testSettings();
    stack.workers = [await startWorker(stack.settings, 'sql'), await startWorker(stack.settings, 'training')];
    stack.client = await testClient();
    await setUp?.();
  });
  after(async () => {
    await stack.client?.connection.close();
    for (const w of stack.workers ?? []) await stopWorker(w);
  });
  return stack;
}
