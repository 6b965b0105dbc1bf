/** The SQL activities' dependencies and artifact keys are the services' own (services/deps.ts). */
import type { ArtifactStore } from '../artifacts/store';

export { artifactKey, type SqlDeps } from '../services/deps';

/** What training activities need: only the artifact store; they never query ClickHouse's tables. */
export interface TrainingDeps {
  store: ArtifactStore;
  /** Threads one activity may use: the process's share of the machine, divided among its slots. */
  threads: number;
}
