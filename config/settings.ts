import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Everything the process reads from its environment, resolved once.
 * Every other module receives a `Settings` value instead of reading `process.env`.
 */
export interface Settings {
  /** State folder: embedded ClickHouse data, Temporal's SQLite file, artifacts, reports. `MUSICBOX_HOME`, default `.musicbox/` in the working directory. */
  home: string;
  clickhouse: EmbeddedClickHouse | ServerClickHouse;
  temporal: TemporalSettings;
  training: TrainingSettings;
  /**
   * Threads this process may keep busy with model arithmetic, `MUSICBOX_THREADS`, default every
   * core. The local stack hands each training worker its share of the machine's cores, so that
   * processes × threads never exceeds them.
   */
  threads: number;
  /**
   * Where artifacts live, `MUSICBOX_ARTIFACT_STORE`: `local` (files under `<home>/artifacts`, one
   * machine) or `clickhouse` (rows of the engine, no shared disk). Default `clickhouse` when
   * `CLICKHOUSE_URL` is set, else `local`. Every worker of a stack must use the same store.
   */
  artifactStore: 'local' | 'clickhouse';
  /**
   * Where the SQL worker serves the embedded engine over ClickHouse's HTTP interface,
   * `MUSICBOX_SQL_HTTP` as `[host:]port` (host default 127.0.0.1, port 0 picks a free one);
   * unset: not served.
   */
  sqlHttp?: { host: string; port: number };
}

export interface TrainingSettings {
  /** Training worker processes the local stack starts, `MUSICBOX_TRAINING_WORKERS`, default one per core. */
  workers: number;
  /** Activities one training worker runs at once, `MUSICBOX_TRAINING_SLOTS`, default 1. */
  slots: number;
}

export interface EmbeddedClickHouse {
  kind: 'embedded';
  /** chDB data directory, `<home>/clickhouse`. */
  dataDir: string;
}

export interface ServerClickHouse {
  kind: 'server';
  /** `CLICKHOUSE_URL`, e.g. `http://localhost:8123`. */
  url: string;
  /** `CLICKHOUSE_USER`, default `default`. */
  username: string;
  /** `CLICKHOUSE_PASSWORD`, default empty. */
  password: string;
  /** `CLICKHOUSE_DATABASE`, default `default`. */
  database: string;
}

export interface TemporalSettings {
  /** `TEMPORAL_ADDRESS`; unset means "start a local dev server". */
  address?: string;
  /** `TEMPORAL_NAMESPACE`, default `default`. */
  namespace: string;
  /** `TEMPORAL_CLI`: explicit path of the `temporal` binary. */
  cliPath?: string;
  /** gRPC port of the local dev server, `MUSICBOX_TEMPORAL_PORT`, default 7233. */
  devPort: number;
  /** Web UI port of the local dev server, `MUSICBOX_TEMPORAL_UI_PORT`, default 8233. */
  devUiPort: number;
  /** Folders searched for the `temporal` binary after `cliPath`: `PATH`. */
  searchPath: string;
  /** Python venv holding `bin/temporal`, `MUSICBOX_VENV`; unset means the project's `.venv`. */
  venv?: string;
}

/** `[host:]port`, as in `MUSICBOX_SQL_HTTP`. */
const HOST_PORT = /^(?:([^:]+):)?(\d{1,5})$/;

const env = z.object({
  MUSICBOX_HOME: z.string().min(1).optional(),
  CLICKHOUSE_URL: z.string().url({ message: 'CLICKHOUSE_URL must be a URL such as http://localhost:8123' }).optional(),
  CLICKHOUSE_USER: z.string().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
  TEMPORAL_CLI: z.string().min(1).optional(),
  MUSICBOX_TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MUSICBOX_TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MUSICBOX_VENV: z.string().min(1).optional(),
  PATH: z.string().optional(),
  MUSICBOX_TRAINING_WORKERS: z.coerce.number({ message: 'must be a whole number ≥ 1' }).int('must be a whole number ≥ 1').min(1, 'must be a whole number ≥ 1').optional(),
  MUSICBOX_TRAINING_SLOTS: z.coerce.number({ message: 'must be a whole number ≥ 1' }).int('must be a whole number ≥ 1').min(1, 'must be a whole number ≥ 1').optional(),
  MUSICBOX_THREADS: z.coerce.number({ message: 'must be a whole number ≥ 1' }).int('must be a whole number ≥ 1').min(1, 'must be a whole number ≥ 1').optional(),
  MUSICBOX_ARTIFACT_STORE: z.enum(['local', 'clickhouse'], { message: "must be 'local' or 'clickhouse'" }).optional(),
  MUSICBOX_SQL_HTTP: z
    .string()
    .regex(HOST_PORT, { message: 'must be [host:]port, e.g. 8123 or 127.0.0.1:8123' })
    .optional(),
});

/** Resolves settings from an environment (default `process.env`) and a working directory. */
export function resolveSettings(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const parsed = env.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  const home = path.resolve(cwd, e.MUSICBOX_HOME ?? '.musicbox');
  return {
    home,
    clickhouse: e.CLICKHOUSE_URL
      ? {
          kind: 'server',
          url: e.CLICKHOUSE_URL,
          username: e.CLICKHOUSE_USER ?? 'default',
          password: e.CLICKHOUSE_PASSWORD ?? '',
          database: e.CLICKHOUSE_DATABASE ?? 'default',
        }
      : { kind: 'embedded', dataDir: path.join(home, 'clickhouse') },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE ?? 'default',
      cliPath: e.TEMPORAL_CLI,
      devPort: e.MUSICBOX_TEMPORAL_PORT ?? 7233,
      devUiPort: e.MUSICBOX_TEMPORAL_UI_PORT ?? 8233,
      searchPath: e.PATH ?? '',
      venv: e.MUSICBOX_VENV,
    },
    training: {
      workers: e.MUSICBOX_TRAINING_WORKERS ?? os.availableParallelism(),
      slots: e.MUSICBOX_TRAINING_SLOTS ?? 1,
    },
    threads: e.MUSICBOX_THREADS ?? os.availableParallelism(),
    artifactStore: e.MUSICBOX_ARTIFACT_STORE ?? (e.CLICKHOUSE_URL ? 'clickhouse' : 'local'),
    sqlHttp: e.MUSICBOX_SQL_HTTP ? hostPortOf(e.MUSICBOX_SQL_HTTP) : undefined,
  };
}

function hostPortOf(text: string): { host: string; port: number } {
  const [, host, port] = HOST_PORT.exec(text)!;
  return { host: host ?? '127.0.0.1', port: Number(port) };
}

/**
 * This process's environment with `overrides`: for a child process it starts (a worker), which
 * then resolves the same settings except where told otherwise, or to resolve those settings here.
 */
export function environmentWith(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** `MUSICBOX_DEBUG` set: print a failure's full error and stack, not just its one-line message. Read without resolving settings, since a failure may come from resolving them. */
export function debugRequested(): boolean {
  return Boolean(process.env.MUSICBOX_DEBUG);
}

/** Where run artifacts (columnar exports, models) live for the embedded setup and for workers. */
export function artifactsDir(settings: Settings): string {
  return path.join(settings.home, 'artifacts');
}
