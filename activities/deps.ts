/** The SQL activities' dependencies and artifact keys are the services' own (services/deps.ts). */
export { artifactKey, artifactPath, type SqlDeps } from '../services/deps';

/** What training activities need: only the artifacts folder; they never touch ClickHouse. */
export interface TrainingDeps {
  artifactsDir: string;
  /** Threads one activity may use: the process's share of the machine, divided among its slots. */
  threads: number;
}
