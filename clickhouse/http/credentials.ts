import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The password a request presents, in any of the ways ClickHouse accepts one. */
export function presentedPassword(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice('Basic '.length), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  const key = req.headers['x-clickhouse-key'];
  if (typeof key === 'string') return key;
  return url.searchParams.get('password') ?? undefined;
}

/** Compares in constant time, so the response time tells nothing about the token. */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (presented === undefined) return false;
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/** A fresh token: 32 random bytes, URL-safe so it fits in `CLICKHOUSE_URL` as the password. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}
