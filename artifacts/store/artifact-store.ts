/**
 * Where a run's artifacts live: columnar exports, models, candidate lists, churn scores. Keys are
 * `<runId>/<name>`, derived from the run id and the step, so a retried step writes the same key
 * and replaces what an earlier attempt wrote. Only keys cross Temporal, never the bytes.
 */
export interface ArtifactStore {
  /** Where the artifacts are, for messages: a folder, or a ClickHouse endpoint. */
  readonly location: string;
  /** Writes the whole value of a key at once: a reader sees the old bytes or the new, never a mix. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes of a key; an {@link ArtifactNotFound} error when it was never written. */
  get(key: string): Promise<Buffer>;
  /** A token that changes whenever the key is written again (for caches), undefined when absent. */
  version(key: string): Promise<string | undefined>;
  /** Every key of a run, sorted. */
  list(runId: string): Promise<string[]>;
  /** Removes every key of a run. */
  deleteRun(runId: string): Promise<void>;
  /** Checks the store can be reached and written; throws a one-line error saying what to fix. */
  check(): Promise<void>;
}

/** A key that no step has written to this store. */
export class ArtifactNotFound extends Error {
  readonly type = 'ArtifactNotFound';
  constructor(
    readonly key: string,
    location: string,
  ) {
    super(
      `artifact ${key} is not in ${location}; the step that writes it has not run here, or the SQL worker writes to another store ` +
        '(every worker of a stack must use the same MUSICBOX_ARTIFACT_STORE)',
    );
    this.name = 'ArtifactNotFound';
  }
}

/** Keys are `<runId>/<name>[/<name>…]`: no empty part, no `.` or `..`, nothing a folder or a TSV field would misread. */
const KEY = /^[a-z0-9][a-z0-9_-]{0,63}(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/;

/** The run id of a valid key; throws on anything else. */
export function runIdOfKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((p) => p === '.' || p === '..')) throw new Error(`not an artifact key: '${key}' (expected <runId>/<name>)`);
  return key.slice(0, key.indexOf('/'));
}

/** The key of an artifact of a run: `<runId>/<name>`. */
export function artifactKey(runId: string, name: string): string {
  return `${runId}/${name}`;
}
