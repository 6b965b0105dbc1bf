import fs from 'node:fs';
import path from 'node:path';
import { newToken } from './credentials';

/** Where the SQL worker serves its engine over HTTP, for clients on this machine. */
export interface SqlEndpoint {
  pid: number;
  /** `http://127.0.0.1:PORT`, without credentials. */
  url: string;
  token: string;
}

const endpointFile = (home: string) => path.join(home, 'sql-endpoint.json');
const tokenFile = (home: string) => path.join(home, 'sql-http-token');

/**
 * The token of the state folder's HTTP endpoint, created once and kept (mode 0600), so that a
 * restarted SQL worker accepts the workers already configured with it.
 */
export function loadOrCreateToken(home: string): string {
  fs.mkdirSync(home, { recursive: true });
  try {
    return fs.readFileSync(tokenFile(home), 'utf8').trim();
  } catch {
    const token = newToken();
    // 'wx': of two workers starting at once, one creates the file and the other reads it.
    try {
      fs.writeFileSync(tokenFile(home), token, { mode: 0o600, flag: 'wx' });
      return token;
    } catch {
      return fs.readFileSync(tokenFile(home), 'utf8').trim();
    }
  }
}

/** Records the endpoint (mode 0600: it holds the token) while the SQL worker serves it. */
export function writeSqlEndpoint(home: string, endpoint: SqlEndpoint): void {
  const tmp = `${endpointFile(home)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(endpoint), { mode: 0o600 });
  fs.renameSync(tmp, endpointFile(home));
}

export function removeSqlEndpoint(home: string): void {
  fs.rmSync(endpointFile(home), { force: true });
}

/** The endpoint of a live SQL worker of this state folder; a file left by a dead one is ignored. */
export function readSqlEndpoint(home: string): SqlEndpoint | undefined {
  try {
    const endpoint = JSON.parse(fs.readFileSync(endpointFile(home), 'utf8')) as SqlEndpoint;
    process.kill(endpoint.pid, 0);
    return endpoint;
  } catch {
    return undefined;
  }
}

/** `CLICKHOUSE_URL` for a worker or tool: the endpoint with the token as the password of user `default`. */
export function clickHouseUrlOf(endpoint: Pick<SqlEndpoint, 'url' | 'token'>): string {
  const url = new URL(endpoint.url);
  url.username = 'default';
  url.password = endpoint.token;
  return url.toString().replace(/\/$/, '');
}
