import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { resolveSettings, type Settings } from '../../config/settings';
import { migrate, openClickHouse, type ClickHouseClient } from '../../clickhouse';

/** A fresh state folder under the OS temp dir. */
export function tempHome(prefix = 'musicbox-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A migrated engine for one test file: embedded chDB in a temp folder (one per process), or the
 * server named by CLICKHOUSE_URL when the suite runs against one.
 */
export async function openTestEngine(home = tempHome()): Promise<{ ch: ClickHouseClient; settings: Settings; home: string }> {
  const settings = resolveSettings({ ...process.env, MUSICBOX_HOME: home });
  const ch = await openClickHouse(settings);
  await migrate(ch);
  return { ch, settings, home };
}

/** A migrated engine and a scratch folder for one test file: opened before its first test, closed after its last (read the fields inside tests and hooks). */
export function useTestEngine(): { ch: ClickHouseClient; tmpDir: string } {
  const engine = {} as { ch: ClickHouseClient; tmpDir: string };
  before(async () => {
    ({ ch: engine.ch } = await openTestEngine());
    engine.tmpDir = tempHome();
  });
  after(() => engine.ch?.close());
  return engine;
}

export async function rows<T = Record<string, unknown>>(ch: ClickHouseClient, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await ch.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}

/** The real raw-log samples shipped with the tests (see its README for where they come from). */
export const RAW_SAMPLES = path.resolve(__dirname, '../fixtures/raw-samples');
