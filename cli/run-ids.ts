import crypto from 'node:crypto';

/** A fresh run id: UTC time to the second plus a short random suffix, e.g. `r20261129-170512-3fa9`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `r${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}
