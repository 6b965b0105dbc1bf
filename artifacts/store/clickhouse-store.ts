import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { ArtifactNotFound, runIdOfKey, type ArtifactStore } from './artifact-store';

/** Versions sort by the time they were made; the random part keeps two writers at one millisecond apart. */
function newVersion(): string {
  return `${Date.now().toString().padStart(15, '0')}-${crypto.randomUUID()}`;
}

/** Bytes per stored part: large enough that a 60 MB candidate list is 15 rows, small enough for any insert buffer. */
const PART_BYTES = 4 * 1024 * 1024;

/**
 * Artifacts as rows of ClickHouse itself (tables artifact_parts and artifact_versions), for a
 * deployment where training workers run on other machines and need only `CLICKHOUSE_URL`.
 *
 * A write inserts every part under a new version, then the version's row, then deletes older
 * versions of the key. Versions sort by time, so of two attempts writing at once the later one
 * wins and neither deletes the other's newer bytes; a reader takes the newest version that has its
 * row, so a write that died half-way is never read, and its parts go with the next write of the key.
 * An export needs no parts: {@link putQuery} records the query that makes it, and a read runs that
 * query, so an export's bytes are never stored or copied.
 */
export class ClickHouseStore implements ArtifactStore {
  readonly location: string;
  constructor(
    private readonly ch: ClickHouseClient,
    where: string,
  ) {
    this.location = `ClickHouse (${where})`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const runId = runIdOfKey(key);
    const version = newVersion();
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const parts = Math.max(1, Math.ceil(buffer.length / PART_BYTES));
    const rows = (function* () {
      for (let i = 0; i < parts; i++) yield `${runId}\t${key}\t${version}\t${i}\t${buffer.subarray(i * PART_BYTES, (i + 1) * PART_BYTES).toString('base64')}\n`;
    })();
    await this.ch.insert({ table: 'artifact_parts (run_id, key, version, part, encoded)', values: Readable.from(rows, { objectMode: false }), format: 'TabSeparated' });
    await this.commit(key, version, { bytes: buffer.length, parts });
  }

  /**
   * Makes `key` the result of a query over run tables (an export: `SELECT … FORMAT ArrowStream`):
   * nothing is copied now, and every read runs the query with `params` bound and `settings`
   * applied (the output settings that decide the bytes). The tables it reads must not change
   * while the run reads them; a run writes its tables before the step that exports them, and a
   * retried step writes them again before it records the query again.
   */
  async putQuery(key: string, query: string, params: Record<string, unknown>, settings: ClickHouseSettings = {}): Promise<void> {
    await this.commit(key, newVersion(), { bytes: 0, parts: 0, query, params: JSON.stringify(params), settings: JSON.stringify(settings) });
  }

  /**
   * Records a version as the key's value (readable from here on), then deletes the key's older
   * versions and the parts of writes that died before their record. Most keys are written once a
   * run, so a look for older rows first spares two deletes (each a mutation of the table) on most writes.
   */
  private async commit(key: string, version: string, row: { bytes: number; parts: number; query?: string; params?: string; settings?: string }): Promise<void> {
    const runId = runIdOfKey(key);
    await this.ch.insert({ table: 'artifact_versions', values: [{ run_id: runId, key, version, ...row }], format: 'JSONEachRow' });
    const older = { run_id: runId, key, version };
    const [found] = await (
      await this.ch.query({
        query: `SELECT (SELECT count() FROM artifact_versions WHERE run_id = {run_id:String} AND key = {key:String} AND version < {version:String})
                     + (SELECT count() FROM artifact_parts WHERE run_id = {run_id:String} AND key = {key:String} AND version < {version:String}) AS n`,
        query_params: older,
        format: 'JSONEachRow',
      })
    ).json<{ n: string | number }>();
    if (Number(found?.n ?? 1) === 0) return;
    for (const table of ['artifact_versions', 'artifact_parts']) {
      await this.ch.command({
        query: `DELETE FROM ${table} WHERE run_id = {run_id:String} AND key = {key:String} AND version < {version:String}`,
        query_params: older,
      });
    }
  }

  async get(key: string): Promise<Buffer> {
    const latest = await this.latest(key);
    if (!latest) throw new ArtifactNotFound(key, this.location);
    if (latest.query) {
      const result = await this.ch.exec({
        query: latest.query,
        query_params: JSON.parse(latest.params) as Record<string, unknown>,
        clickhouse_settings: JSON.parse(latest.settings || '{}') as ClickHouseSettings,
      });
      return Buffer.concat(await result.stream.toArray());
    }
    const result = await this.ch.exec({
      query: `SELECT data FROM artifact_parts WHERE run_id = {run_id:String} AND key = {key:String} AND version = {version:String} ORDER BY part FORMAT RawBLOB`,
      query_params: { run_id: runIdOfKey(key), key, version: latest.version },
    });
    const bytes = Buffer.concat(await result.stream.toArray());
    if (bytes.length !== latest.bytes) throw new Error(`artifact ${key} in ${this.location} has ${bytes.length} bytes, its record says ${latest.bytes}; write it again (re-run the step)`);
    return bytes;
  }

  async version(key: string): Promise<string | undefined> {
    return (await this.latest(key))?.version;
  }

  private async latest(key: string): Promise<{ version: string; bytes: number; query: string; params: string; settings: string } | undefined> {
    const [row] = await (
      await this.ch.query({
        query: `SELECT version, bytes, query, params, settings FROM artifact_versions WHERE run_id = {run_id:String} AND key = {key:String} ORDER BY version DESC LIMIT 1`,
        query_params: { run_id: runIdOfKey(key), key },
        format: 'JSONEachRow',
      })
    ).json<{ version: string; bytes: string | number; query: string; params: string; settings: string }>();
    return row && { ...row, bytes: Number(row.bytes) };
  }

  async list(runId: string): Promise<string[]> {
    const rows = await (
      await this.ch.query({ query: 'SELECT DISTINCT key FROM artifact_versions WHERE run_id = {run_id:String} ORDER BY key', query_params: { run_id: runId }, format: 'JSONEachRow' })
    ).json<{ key: string }>();
    return rows.map((r) => r.key);
  }

  async deleteRun(runId: string): Promise<void> {
    for (const table of ['artifact_versions', 'artifact_parts']) {
      await this.ch.command({ query: `ALTER TABLE ${table} DROP PARTITION {run_id:String}`, query_params: { run_id: runId } });
    }
  }

  async check(): Promise<void> {
    try {
      await this.ch.query({ query: 'SELECT count() FROM artifact_versions WHERE 0', format: 'JSONEachRow' }).then((r) => r.json());
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new Error(`cannot use ${this.location} as the artifact store: ${message}; start the SQL worker first (it creates the artifact tables) and check CLICKHOUSE_URL`);
    }
  }
}
