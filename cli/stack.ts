import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings } from '../config/settings';
import { ensureStateFolder } from '../config/state-folder';
import { findTemporalCli, PROJECT_ROOT } from '../temporal/binary';
import { startDevServer, type DevServer } from '../temporal/dev-server';

/** A running local stack: Temporal (started here or given by TEMPORAL_ADDRESS) and the worker processes. */
export interface Stack {
  address: string;
  uiUrl?: string;
  /** True when this process started the Temporal server (and so stops it). */
  ownsServer: boolean;
  workers: ChildProcess[];
  stop(): Promise<void>;
}

export type WorkerKind = 'sql' | 'training';

export interface StackOptions {
  /** Worker processes to start, default both. */
  workers?: WorkerKind[];
  /** Print the workers' output, default false (it goes to `<home>/logs/`). */
  echoWorkers?: boolean;
}

/** Starts Temporal unless TEMPORAL_ADDRESS is set, then one process per worker kind, and waits until they are ready. */
export async function startStack(settings: Settings, options: StackOptions = {}): Promise<Stack> {
  ensureStateFolder(settings.home);
  let server: DevServer | undefined;
  if (!settings.temporal.address) {
    server = await startDevServer({
      cli: findTemporalCli(settings.temporal.cliPath),
      stateDir: path.join(settings.home, 'temporal'),
      port: settings.temporal.devPort,
      uiPort: settings.temporal.devUiPort,
      namespace: settings.temporal.namespace,
    });
  }
  const address = settings.temporal.address ?? server!.address;
  const workers: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(workers.map(stopProcess));
    await server?.stop();
  };
  try {
    // One SQL worker (it owns the engine); one training worker per core (each runs one activity at a time).
    const kinds = options.workers ?? ['sql', ...Array.from({ length: trainingWorkerCount() }, () => 'training' as const)];
    const started = await Promise.all(kinds.map((kind, i) => spawnWorker(settings, kind, address, options.echoWorkers ?? false, i)));
    workers.push(...started);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: server?.uiUrl, ownsServer: server !== undefined, workers, stop };
}

/** Starts `workers/<kind>-worker.ts` in its own process and resolves when it prints that it is ready. */
export function spawnWorker(settings: Settings, kind: WorkerKind, address: string, echo: boolean, index = 0): Promise<ChildProcess> {
  ensureStateFolder(settings.home);
  const logDir = path.join(settings.home, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${kind}-worker${index > 1 ? `-${index}` : ''}.log`);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'workers', `${kind}-worker.ts`)], {
    cwd: process.cwd(),
    env: { ...process.env, MUSICBOX_HOME: settings.home, TEMPORAL_ADDRESS: address },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let tail = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (echo) process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-2000);
      if (/worker ready/.test(tail)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      const lastLine = tail.trim().split('\n').filter((l) => l.startsWith('error:')).pop() ?? tail.trim().split('\n').pop();
      reject(new Error(`${kind} worker exited with code ${code}: ${lastLine ?? 'no output'} (log: ${logFile})`));
    });
  });
}

/** Training worker processes of the local stack: `MUSICBOX_TRAINING_WORKERS`, default one per core. */
function trainingWorkerCount(): number {
  const n = Number(process.env.MUSICBOX_TRAINING_WORKERS ?? os.availableParallelism());
  if (!Number.isInteger(n) || n < 1) throw new Error(`MUSICBOX_TRAINING_WORKERS must be a whole number ≥ 1, got '${process.env.MUSICBOX_TRAINING_WORKERS}'`);
  return n;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
