import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const SAMPLE_BYTES = 64 * 1024;

/**
 * Looks at the start of a raw file (decompressed when gzip) and says why it cannot be a text log,
 * or undefined when it may be one: binary data (NUL bytes) or a broken gzip header.
 */
export async function inspectFile(file: string, gzip: boolean): Promise<string | undefined> {
  const handle = await fs.promises.open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (gzip) {
    if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return 'not a gzip file although its name ends in .gz; recompress it or drop the .gz suffix';
    try {
      head = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, SAMPLE_BYTES);
    } catch (err) {
      return `the gzip data is corrupt (${(err as Error).message}); recompress the file from the original`;
    }
  }
  if (head.includes(0)) return 'binary data, not a tab-separated text log; replace it with the day\'s log';
  return undefined;
}

/** SHA-256 of a file's bytes: the identity of its content, to tell a re-sent file from a changed one. */
export async function contentHash(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}
