import type { ClickHouseClient } from '@clickhouse/client';
import type { ArtifactStore } from '../artifacts/store';

export { artifactKey } from '../artifacts/store';

/** What the SQL services need from the process that hosts them (the SQL worker, or the CLI with --direct). */
export interface SqlDeps {
  ch: ClickHouseClient;
  /** Which engine `ch` reaches: the embedded one can read this machine's files itself. */
  engine: 'embedded' | 'server';
  /** Scratch folder (unpacked archives). */
  tmpDir: string;
  /** Where columnar exports are written and models, candidate lists and scores are read (shared with training workers). */
  store: ArtifactStore;
}
