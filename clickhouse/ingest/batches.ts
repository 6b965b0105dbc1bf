import path from 'node:path';
import type { CandidateFile } from '../../ingest/scan-folder';

/** A file to load, with its content hash when deciding already computed it. */
export interface PendingFile {
  index: number;
  file: CandidateFile;
  hash?: string;
  /** Its key may have rows in events or rejects already: load through staging (see loadFiles). */
  staged: boolean;
  /** Why a file already recorded is loaded again (its stored rows disagree with its record). */
  note?: string;
}

/**
 * Groups the files into batches that one statement can parse: same folder, kind, compression and
 * route (staged or not), at most `maxFiles` files and `maxBytes` bytes each (a larger file alone),
 * in the order given.
 */
export function batchesOf(files: PendingFile[], maxFiles: number, maxBytes: number): PendingFile[][] {
  const open = new Map<string, { files: PendingFile[]; bytes: number }>();
  const batches: PendingFile[][] = [];
  for (const p of files) {
    const key = [path.dirname(p.file.path), p.file.name.kind, p.file.name.compression, p.staged].join('\0');
    let batch = open.get(key);
    if (!batch || batch.files.length >= Math.max(1, maxFiles) || batch.bytes + p.file.sizeBytes > maxBytes) {
      batch = { files: [], bytes: 0 };
      open.set(key, batch);
      batches.push(batch.files);
    }
    batch.files.push(p);
    batch.bytes += p.file.sizeBytes;
  }
  return batches;
}
