import fs from 'node:fs';
import zlib from 'node:zlib';
import type { ClickHouseClient } from '@clickhouse/client';
import { contentHash } from '../../ingest/inspect-file';
import type { CandidateFile } from '../../ingest/scan-folder';
import type { PendingFile } from './batches';
import { recordIngestedFiles } from './ingested-files';
import { loadFiles, type LineOrigin } from './load-file';
import { noGoodLine, oneLine, type FileOutcome } from './outcomes';
import { filesWithRows } from './partitions';

export interface BatchOptions {
  via: 'path' | 'client';
  /** Folders where links to files under a path with glob characters may be made. */
  linkRoots: string[];
}

/**
 * Loads and records a batch of files; when it fails, loads them one by one so the good ones still
 * load. Those retries go through staging: rows the batch may have left (a load that went in but
 * was not recorded) are then replaced, never doubled.
 */
export async function loadBatch(ch: ClickHouseClient, batch: PendingFile[], options: BatchOptions): Promise<FileOutcome[]> {
  try {
    const origins = batch.map((p) => ({ name: p.file.name, origin: originOf(p.file, options.via) }));
    // Both settle before anything else happens: a retry must not start while the load still runs.
    const [loaded, hashed] = await Promise.allSettled([
      loadFiles(ch, origins, { staged: batch[0].staged, linkRoots: options.linkRoots }),
      Promise.all(batch.map((p) => p.hash ?? contentHash(p.file.path))),
    ]);
    if (loaded.status === 'rejected') throw loaded.reason;
    if (hashed.status === 'rejected') throw hashed.reason;
    const counts = loaded.value;
    await recordIngestedFiles(ch, batch.map((p, i) => ({ file: p.file, contentHash: hashed.value[i], counts: counts[i] })));
    return batch.map((p, i) => {
      const outcome: FileOutcome = { file: p.file.path, fileKey: p.file.name.fileKey, status: 'loaded', counts: counts[i], message: p.note };
      return counts[i].loaded === 0 ? noGoodLine(outcome, counts[i]) : outcome;
    });
  } catch (err) {
    if (batch.length > 1) {
      const outcomes: FileOutcome[] = [];
      for (const p of batch) outcomes.push(...(await loadBatch(ch, [{ ...p, staged: true }], options)));
      return outcomes;
    }
    return [await failedLoad(ch, batch[0].file, err)];
  }
}

/** Says of a failed load what is stored now (looked up, not assumed) and what to do. */
async function failedLoad(ch: ClickHouseClient, file: CandidateFile, err: unknown): Promise<FileOutcome> {
  const text = oneLine(err);
  const diskFull = isDiskFull(text);
  const left = await filesWithRows(ch, [file.name]).catch(() => undefined);
  const stored =
    left === undefined
      ? `rows of ${file.name.fileKey} may be partly stored in events and rejects, unrecorded; the next ingest of it replaces them`
      : left.size > 0
        ? `rows of ${file.name.fileKey} are partly stored in events or rejects, unrecorded; the next ingest of it replaces them`
        : `nothing of ${file.name.fileKey} is stored`;
  const advice = diskFull
    ? 'the disk is full: free space where MUSICBOX_HOME (or the ClickHouse server\'s data) lives and ingest again'
    : /end of (file|stream)|inflate|gzip|zlib|decompress|truncat|Cannot read all data/i.test(text)
      ? 'the file looks truncated or corrupt: copy it again from the source and ingest again'
      : 'ingest again; if it repeats, this is a bug to report with the message';
  return { file: file.path, fileKey: file.name.fileKey, status: 'failed', message: `not loaded (${text}); ${stored}; ${advice}` };
}

/** ClickHouse and the OS say "no space" in several ways; all of them mean the same thing to the user. */
export function isDiskFull(text: string): boolean {
  return /ENOSPC|No space left|NOT_ENOUGH_SPACE|Cannot reserve .* space|not enough space/i.test(text);
}

function originOf(file: CandidateFile, via: BatchOptions['via']): LineOrigin {
  return via === 'path' ? { kind: 'path', path: file.path } : { kind: 'stream', open: () => openRaw(file) };
}

function openRaw(file: CandidateFile) {
  const stream = fs.createReadStream(file.path, { highWaterMark: 1 << 20 });
  return file.name.compression === 'gzip' ? stream.pipe(zlib.createGunzip()) : stream;
}
