import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';

/** What the SQL services need from the process that hosts them (the SQL worker, or the CLI with --direct). */
export interface SqlDeps {
  ch: ClickHouseClient;
  /** Which engine `ch` reaches: the embedded one can read this machine's files itself. */
  engine: 'embedded' | 'server';
  /** Scratch folder (unpacked archives). */
  tmpDir: string;
  /** Folder where columnar exports and models are written (shared with training workers). */
  artifactsDir: string;
}

/** Artifact keys are paths relative to the artifacts folder: `<runId>/<name>`. */
export function artifactKey(runId: string, name: string): string {
  return `${runId}/${name}`;
}

export function artifactPath(artifactsDir: string, key: string): string {
  const resolved = path.resolve(artifactsDir, key);
  if (!resolved.startsWith(path.resolve(artifactsDir) + path.sep)) throw new Error(`artifact key escapes the artifacts folder: ${key}`);
  return resolved;
}
