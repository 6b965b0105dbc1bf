import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { extract } from 'tar-stream';

/**
 * Unpacks the regular files of a `.tar.gz` into a folder (flattened to their base names) and
 * returns their paths. Raw logs inside are then loaded like any other file.
 */
export async function extractArchive(archive: string, into: string): Promise<string[]> {
  fs.mkdirSync(into, { recursive: true });
  const written: string[] = [];
  const tar = extract();
  tar.on('entry', (header, stream, next) => {
    const base = path.basename(header.name);
    if (header.type !== 'file' || base.startsWith('.')) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    const target = path.join(into, base);
    written.push(target);
    stream.pipe(fs.createWriteStream(target)).on('finish', next).on('error', next);
  });
  await pipeline(fs.createReadStream(archive), zlib.createGunzip(), tar);
  return written;
}
