import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../atomic-file';
import { ArtifactNotFound, runIdOfKey, type ArtifactStore } from './artifact-store';

/**
 * Artifacts as files under one folder (`MUSICBOX_HOME/artifacts`): the single-machine default,
 * where the SQL worker and the training workers share a disk.
 */
export class LocalFolderStore implements ArtifactStore {
  readonly location: string;
  constructor(readonly folder: string) {
    this.location = `the folder ${folder}`;
  }

  /** The file of a key (the embedded engine writes exports there itself). */
  pathOf(key: string): string {
    runIdOfKey(key);
    return path.join(this.folder, ...key.split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomically(this.pathOf(key), bytes);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.promises.readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ArtifactNotFound(key, this.location);
      throw err;
    }
  }

  async version(key: string): Promise<string | undefined> {
    const stat = fs.statSync(this.pathOf(key), { throwIfNoEntry: false });
    return stat && `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  }

  async list(runId: string): Promise<string[]> {
    const dir = path.join(this.folder, runId);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
      .map((e) => [runId, ...path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep)].join('/'))
      .sort();
  }

  async deleteRun(runId: string): Promise<void> {
    runIdOfKey(`${runId}/x`);
    fs.rmSync(path.join(this.folder, runId), { recursive: true, force: true });
  }

  async check(): Promise<void> {
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      fs.accessSync(this.folder, fs.constants.W_OK);
    } catch (err) {
      throw new Error(`cannot write artifacts to ${this.folder} (${(err as Error).message}); set MUSICBOX_HOME to a writable folder, or CLICKHOUSE_URL to keep artifacts in ClickHouse`);
    }
  }
}
