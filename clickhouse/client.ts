import fs from 'node:fs';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Settings } from '../config/settings';
import { ensureStateFolder } from '../config/state-folder';
import { ClickHouseUnavailableError, EmbeddedEngineLockedError } from './errors';

export type { ClickHouseClient } from '@clickhouse/client';

/** Clients of the embedded engine, which reads and writes this machine's files itself. */
const embeddedClients = new WeakSet<ClickHouseClient>();

/** True when `ch` reaches the embedded engine (it can write a local file directly). */
export function isEmbedded(ch: ClickHouseClient): boolean {
  return embeddedClients.has(ch);
}

/** Settings applied to every query: long ingests and exports must not hit the client's default 30 s timeout. */
const REQUEST_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * The one way to get a ClickHouse client. Embedded chDB by default (data under the state folder);
 * a ClickHouse server when `CLICKHOUSE_URL` is set. The connection is checked before returning,
 * so a wrong URL or a locked data directory fails here with a one-line message.
 */
export async function openClickHouse(settings: Settings): Promise<ClickHouseClient> {
  const ch = settings.clickhouse;
  if (ch.kind === 'embedded') {
    ensureStateFolder(settings.home);
    fs.mkdirSync(ch.dataDir, { recursive: true });
    let client: ClickHouseClient;
    try {
      client = createClient({
        // chdb bundles its own copy of the client's types; the objects are the same interface.
        connection: createChdbConnection({ path: ch.dataDir }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'],
        log: { level: ClickHouseLogLevel.OFF },
        request_timeout: REQUEST_TIMEOUT_MS,
      });
      await client.query({ query: 'SELECT 1' });
      embeddedClients.add(client);
    } catch (err) {
      if (err instanceof Error && /create connection|lock/i.test(err.message)) throw new EmbeddedEngineLockedError(ch.dataDir);
      throw new ClickHouseUnavailableError(ch.dataDir, err instanceof Error ? err.message : String(err));
    }
    return client;
  }
  // Credentials in the URL (the SQL worker's endpoint: http://default:TOKEN@host:port) win over the variables.
  const inUrl = new URL(ch.url);
  const client = createClient({
    url: ch.url,
    ...(inUrl.username || inUrl.password ? {} : { username: ch.username, password: ch.password }),
    database: ch.database,
    request_timeout: REQUEST_TIMEOUT_MS,
    log: { level: ClickHouseLogLevel.OFF },
  });
  const ping = await client.ping();
  if (!ping.success) {
    await client.close();
    throw new ClickHouseUnavailableError(withoutCredentials(ch.url), `${ping.error.message} (check CLICKHOUSE_URL, CLICKHOUSE_USER and CLICKHOUSE_PASSWORD)`);
  }
  return client;
}

/** Human-readable name of the configured engine, for messages. */
export function describeEngine(settings: Settings): string {
  return settings.clickhouse.kind === 'embedded' ? `embedded chDB at ${settings.clickhouse.dataDir}` : `ClickHouse server ${withoutCredentials(settings.clickhouse.url)}`;
}

/** A URL fit for messages and logs: a password in it (the SQL worker's token) is left out. */
export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
