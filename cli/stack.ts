import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { environmentWith, type Settings } from '../config/settings';
import { ensureStateFolder } from '../config/state-folder';
import { PROJECT_ROOT, temporalCliOf } from '../temporal/binary';
import { startDevServer, type DevServer } from '../temporal/dev-server';
import { handBackActivitiesOf } from './dead-worker-activities';
import { acquireStackLock } from './stack-lock';
import { Supervisor } from './supervisor';

/** A running local stack: Temporal (started here or given by TEMPORAL_ADDRESS) and the worker processes. */
export interface Stack {
  address: string;
  uiUrl?: string;
  /** True when this process started the Temporal server (and so stops it). */
  ownsServer: boolean;
  /** The worker processes running now (a restarted worker replaces its dead process here). */
  workers(): ChildProcess[];
  /** The process id of the Temporal server this stack runs now, if it runs one. */
  serverPid(): number | undefined;
  stop(): Promise<void>;
}

export type WorkerKind = 'sql' | 'training';

export interface StackOptions {
  /** Worker processes to start, default both. */
  workers?: WorkerKind[];
  /** Print the workers' output, default false (it goes to `<home>/logs/`). */
  echoWorkers?: boolean;
  /** Where the stack says that a process died and is restarted, default stderr. */
  log?: (line: string) => void;
}

/**
 * Starts Temporal unless TEMPORAL_ADDRESS is set, then one process per worker kind, and waits until
 * they are ready. The state folder's stack lock is taken first (a second stack on one folder is
 * refused with nothing started), and a start that fails stops everything it had started. Once up,
 * a process that dies is restarted with backoff, and the stack says so.
 */
export async function startStack(settings: Settings, options: StackOptions = {}): Promise<Stack> {
  const releaseLock = acquireStackLock(settings.home);
  const log = options.log ?? ((line: string) => console.error(line));
  const supervisor = new Supervisor(log);
  let server: DevServer | undefined;
  const stop = async () => {
    await supervisor.stopAll();
    await server?.stop();
    releaseLock();
  };
  try {
    if (!settings.temporal.address) {
      const start = () =>
        startDevServer({
          cli: temporalCliOf(settings.temporal),
          stateDir: path.join(settings.home, 'temporal'),
          port: settings.temporal.devPort,
          uiPort: settings.temporal.devUiPort,
          namespace: settings.temporal.namespace,
        });
      server = await start();
      supervisor.watch('Temporal server', server.exited.then(howEnded), async () => {
        server = await start();
        return { exited: server.exited.then(howEnded) };
      });
    }
    const address = settings.temporal.address ?? server!.address;
    // One SQL worker (it owns the engine); one training worker per core (each runs one activity at a time).
    const kinds = options.workers ?? ['sql', ...Array.from({ length: settings.training.workers }, () => 'training' as const)];
    const keep = (kind: WorkerKind, i: number) =>
      supervisor.keep(
        `${kind} worker${i > 1 ? ` ${i}` : ''}`,
        (onSpawn) => spawnWorker(settings, kind, address, options.echoWorkers ?? false, i, onSpawn),
        async (pid) => {
          const handed = await handBackActivitiesOf(address, settings.temporal.namespace, pid);
          return handed > 0 ? `${handed} activity attempt(s) it was running handed back for retry` : undefined;
        },
      );
    // Training workers that keep artifacts in the embedded engine reach it through the SQL worker's endpoint: it starts first.
    const sqlFirst = settings.artifactStore === 'clickhouse' && settings.clickhouse.kind === 'embedded' && kinds.includes('sql');
    if (sqlFirst) await keep('sql', 0);
    await Promise.all(kinds.map((kind, i) => (sqlFirst && kind === 'sql' ? undefined : keep(kind, i))));
    return { address, uiUrl: server?.uiUrl, ownsServer: server !== undefined, workers: () => supervisor.processes(), serverPid: () => server?.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts `workers/<kind>-worker.ts` in its own process and resolves when it prints that it is ready.
 * `onSpawn` gets the process at once, so that a caller can stop it even while it is starting. The
 * SQL worker serves its embedded engine over HTTP on a free local port (unless `MUSICBOX_SQL_HTTP`
 * says where), so `musicbox sql` and workers in other processes reach it. `env` adds to the
 * environment (e.g. a worker with a state folder of its own).
 */
export function spawnWorker(
  settings: Settings,
  kind: WorkerKind,
  address: string,
  echo: boolean,
  index = 0,
  onSpawn?: (child: ChildProcess) => void,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  ensureStateFolder(settings.home);
  const logDir = path.join(settings.home, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${kind}-worker${index > 1 ? `-${index}` : ''}.log`);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'workers', `${kind}-worker.ts`)], {
    cwd: process.cwd(),
    env: environmentWith({
      MUSICBOX_HOME: settings.home,
      TEMPORAL_ADDRESS: address,
      ...(kind === 'training' ? { MUSICBOX_THREADS: String(trainingThreadShare(settings)) } : {}),
      ...(kind === 'sql' && { MUSICBOX_SQL_HTTP: settings.sqlHttp ? `${settings.sqlHttp.host}:${settings.sqlHttp.port}` : '127.0.0.1:0' }),
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn?.(child);
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

/**
 * One thread budget for the machine (`MUSICBOX_THREADS`, default every core), split evenly
 * among the training workers the local stack starts: with one process per core, each forest or
 * booster runs on one thread instead of one per core (N processes × N threads before).
 */
export function trainingThreadShare(settings: Settings): number {
  return Math.max(1, Math.floor(settings.threads / settings.training.workers));
}

/** How the server process ended: an exit code, or none when a signal killed it. */
function howEnded(code: number | null): string {
  return code === null ? 'killed by a signal' : `exit code ${code}`;
}
