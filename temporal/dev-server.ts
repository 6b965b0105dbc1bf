import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SEARCH_ATTRIBUTE_TYPES } from '../messages/search-attributes';

export interface DevServerOptions {
  /** Path of the `temporal` binary. */
  cli: string;
  /** Folder for the SQLite file and the server log. */
  stateDir: string;
  /** gRPC port, default 7233. */
  port?: number;
  /** Web UI port, default 8233; `false` runs headless. */
  uiPort?: number | false;
  /** Namespace to create, default `default`. */
  namespace?: string;
  /** How long to wait for the port to accept connections, default 60 s. */
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** The server's process id. */
  pid: number;
  /** Settles when the server process exits, for whatever reason (its exit code, null when killed). */
  exited: Promise<number | null>;
}

/**
 * Starts `temporal server start-dev` with its SQLite file in the state folder, so runs and
 * schedules survive restarts, and waits until its gRPC port answers.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port ?? 7233;
  const uiPort = options.uiPort ?? 8233;
  fs.mkdirSync(options.stateDir, { recursive: true });
  if (await portOpen(port)) {
    throw new Error(
      `port ${port} is already in use: another Temporal server is running there; ` +
        `set TEMPORAL_ADDRESS=127.0.0.1:${port} to use it, or MUSICBOX_TEMPORAL_PORT to pick another port`,
    );
  }
  const args = [
    'server', 'start-dev',
    '--db-filename', path.join(options.stateDir, 'temporal.sqlite'),
    '--port', String(port),
    '--namespace', options.namespace ?? 'default',
    '--log-level', 'warn',
    // Task priorities order tasks within a task queue partition only; one partition per queue makes
    // the training queue hand out its work in priority order (nothing here needs more throughput).
    '--dynamic-config-value', 'matching.numTaskqueueReadPartitions=1',
    '--dynamic-config-value', 'matching.numTaskqueueWritePartitions=1',
    // So runs can be filtered by run id, as-of date and kind in the Web UI and `temporal workflow list`.
    ...Object.entries(SEARCH_ATTRIBUTE_TYPES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  if (uiPort === false) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  const logFile = path.join(options.stateDir, 'temporal-server.log');
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (let attempt = 1; ; attempt++) {
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const log = fs.openSync(logFile, 'a');
    const child = spawn(options.cli, args, { stdio: ['ignore', log, log], detached: false });
    fs.closeSync(log);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    while (!(await portOpen(port))) {
      if (child.exitCode !== null) break;
      if (Date.now() > deadline) {
        await stopChild(child, exited);
        throw new Error(`temporal dev server did not open port ${port} in time; see ${logFile}`);
      }
      await sleep(200);
    }
    if (child.exitCode === null) {
      return { address: `127.0.0.1:${port}`, uiUrl: uiPort === false ? undefined : `http://localhost:${uiPort}`, stop: () => stopChild(child, exited), exited, pid: child.pid! };
    }
    const said = fs.readFileSync(logFile).subarray(logStart).toString('utf8');
    if (attempt >= START_ATTEMPTS || !lostPortRace(said, port)) {
      throw new Error(`temporal dev server exited with code ${child.exitCode}; see ${logFile}`);
    }
  }
}

/** Starts tried when the server loses the race for one of the ports it picks itself. */
const START_ATTEMPTS = 3;

/**
 * True when the server's log says it could not bind a port it picked itself (its HTTP API and
 * metrics ports are "a random free port", which something else can take before the server binds
 * it): starting again picks another. A clash on our own gRPC `port` is not such a race.
 */
export function lostPortRace(log: string, port: number): boolean {
  const clashes = [...log.matchAll(/listen tcp [^\s]*:(\d+): bind: address already in use/g)].map((m) => Number(m[1]));
  return clashes.length > 0 && !clashes.includes(port);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A TCP port free on 127.0.0.1 now, for a server started next (tests and benchmarks, never the fixed 7233). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
