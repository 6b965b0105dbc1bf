import { createWriteStream, promises as fs } from 'node:fs';
import { writeAtomically } from '../artifacts/atomic-file';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Writes UTF-8 chunks to a file, gzip-compressed when asked, with stream
 * back-pressure. Returns the bytes on disk. Writing goes through a temporary
 * name and a rename, so a crashed run never leaves a truncated file that an
 * ingester would take for a complete day.
 */
export async function writeChunks(file: string, chunks: Buffer[], gzip: boolean): Promise<number> {
  await writeAtomically(file, async (tmp) => {
    const source = Readable.from(chunks);
    const sink = createWriteStream(tmp);
    if (gzip) await pipeline(source, createGzip({ level: 6 }), sink);
    else await pipeline(source, sink);
  });
  return (await fs.stat(file)).size;
}
