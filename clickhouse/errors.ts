/** The configured ClickHouse engine could not be reached or opened. Message is one line and says what to do. */
export class ClickHouseUnavailableError extends Error {
  readonly type = 'ClickHouseUnavailable';
  constructor(
    readonly target: string,
    detail: string,
  ) {
    super(`ClickHouse at ${target} is unavailable: ${detail}`);
    this.name = 'ClickHouseUnavailableError';
  }
}

/** The embedded data directory is owned by another process (a running SQL worker). */
export class EmbeddedEngineLockedError extends Error {
  readonly type = 'EmbeddedEngineLocked';
  constructor(readonly dataDir: string) {
    super(
      `the embedded ClickHouse data in ${dataDir} is in use by another musicbox process (usually the SQL worker); ` +
        'stop it, or run the command while the stack is up so it goes through the worker',
    );
    this.name = 'EmbeddedEngineLockedError';
  }
}

/**
 * True when `err` is a ClickHouse server error of this type (its name, e.g. `UNKNOWN_SETTING`, as
 * @clickhouse/client parses it from the server's message): names say what is meant where codes
 * (`115`) do not, and stay the same across the server and the embedded engine.
 */
export function isClickHouseErrorOfType(err: unknown, type: string): boolean {
  return err instanceof Error && (err as { type?: unknown }).type === type;
}
