import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { openArtifactStore, type ArtifactStore } from '../artifacts/store';
import type { Settings } from '../config/settings';
import { openClickHouse } from '../clickhouse';
import { readSqlEndpoint } from '../clickhouse/http/endpoint-file';

/**
 * The artifact store of a training worker, checked before the worker polls for work: a worker that
 * can reach neither its folder nor the engine refuses to start, instead of failing every activity
 * it picks up. The ClickHouse store is reached at `CLICKHOUSE_URL` (on another machine, the SQL
 * worker's HTTP endpoint), or on this machine at the endpoint the SQL worker recorded.
 */
export async function connectTrainingStore(settings: Settings): Promise<{ store: ArtifactStore; close: () => Promise<void> }> {
  if (settings.artifactStore === 'local') {
    const store = openArtifactStore(settings, undefined);
    await store.check();
    return { store, close: async () => undefined };
  }
  let ch;
  if (settings.clickhouse.kind === 'server') {
    ch = await openClickHouse(settings);
  } else {
    const endpoint = readSqlEndpoint(settings.home);
    if (!endpoint) {
      throw new Error(
        `MUSICBOX_ARTIFACT_STORE=clickhouse needs the engine: set CLICKHOUSE_URL to the SQL worker's HTTP endpoint (http://default:TOKEN@HOST:PORT), ` +
          `or start the SQL worker of ${settings.home} with MUSICBOX_SQL_HTTP`,
      );
    }
    ch = createClient({ url: endpoint.url, password: endpoint.token, log: { level: ClickHouseLogLevel.OFF } });
  }
  const store = openArtifactStore(settings, ch);
  try {
    await store.check();
  } catch (err) {
    await ch.close();
    throw err;
  }
  return { store, close: () => ch.close() };
}
