import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `file` through `write(tmp)` and a rename, so a reader (an ingester, a training worker, a
 * retry) sees either the whole file or none. The temporary name is unique per call, so two
 * attempts writing the same file at once never write into each other's bytes; the last rename wins
 * with a whole file. A failed write leaves no temporary file behind.
 */
export async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await write(tmp);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** {@link writeAtomically} for contents already in memory. */
export function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  return writeAtomically(file, (tmp) => fs.promises.writeFile(tmp, data));
}

/** Lines as a text file: one per line, each ending in a newline (an empty list gives an empty file). */
export function writeLinesAtomically(file: string, lines: readonly string[]): Promise<void> {
  return writeFileAtomically(file, lines.length ? `${lines.join('\n')}\n` : '');
}
