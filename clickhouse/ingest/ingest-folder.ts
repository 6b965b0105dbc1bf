import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ClickHouseClient } from '@clickhouse/client';
import { extractArchive } from '../../ingest/extract-archive';
import { contentHash, inspectFile } from '../../ingest/inspect-file';
import { scanFolder, type CandidateFile, type FileProblem } from '../../ingest/scan-folder';
import { parseLogFileName } from '../../ingest/file-name';
import { dropStaleAttempts, filesWithRows, loadFiles, type FileCounts, type LineOrigin } from './load-file';
import { readIngestedFiles, recordIngestedFiles, type IngestedFile } from './ingested-files';

export interface IngestOptions {
  /**
   * `path`: ClickHouse reads each file itself (embedded engine only, the fast path);
   * `client`: the bytes stream through the client (a server cannot see this machine's files).
   */
  via: 'path' | 'client';
  /** Folder for unpacked archives. */
  tmpDir: string;
  /** Reload a file whose content changed under the same name, default false (reported, not loaded). */
  replaceChanged?: boolean;
  /** Batches loaded at the same time, default the number of cores (each file is one partition, so they never touch each other). */
  concurrency?: number;
  /**
   * Most files of one kind parsed by one statement, default DEFAULT_BATCH_FILES; a batch is
   * recorded (and reported) when all its files are in, and a crash redoes the batch in flight.
   */
  batchFiles?: number;
  /** Most bytes (as stored, compressed or not) parsed by one statement, default DEFAULT_BATCH_BYTES. */
  batchBytes?: number;
  /** Called after every file, e.g. to heartbeat. */
  onProgress?: (progress: { filesDone: number; filesTotal: number; rowsLoaded: number; current: string }) => void;
}

/**
 * A statement's fixed costs (its start, its single-threaded tail, the bookkeeping around it) are
 * paid once per batch, so batches are large: up to 64 files (ClickHouse refuses an insert block
 * spanning over 100 partitions, and each file is one) and 1 GiB, which this engine parses in about
 * half a minute on 2 cores, the most a crash can cost.
 */
export const DEFAULT_BATCH_FILES = 64;
export const DEFAULT_BATCH_BYTES = 1 << 30;

export type FileStatus = 'loaded' | 'unchanged' | 'changed' | 'failed';

export interface FileOutcome {
  file: string;
  fileKey?: string;
  status: FileStatus;
  counts?: FileCounts;
  message?: string;
}

export interface IngestSummary {
  files: number;
  loadedFiles: number;
  unchangedFiles: number;
  problemFiles: number;
  lines: number;
  loaded: number;
  repaired: number;
  rejected: number;
  blank: number;
  outcomes: FileOutcome[];
}

/**
 * Ingests every raw log of a folder. Files already ingested with the same content are skipped, so
 * running it again, or resuming after a crash, loads only what is missing; a file whose content
 * changed under the same name is reported and left alone unless `replaceChanged`. A bad file is
 * reported with what to do, and the good files beside it still load.
 */
export async function ingestFolder(ch: ClickHouseClient, folder: string, options: IngestOptions): Promise<IngestSummary> {
  const { files, problems } = scanFolder(folder);
  const outcomes: FileOutcome[] = problems.map((p: FileProblem) => ({ file: p.file, status: 'failed', message: p.message }));
  const expanded = await expandArchives(files, options.tmpDir, outcomes);
  const done: FileOutcome[] = new Array(expanded.length);
  let rowsLoaded = 0;
  let filesDone = 0;
  const finish = (index: number, outcome: FileOutcome) => {
    done[index] = outcome;
    rowsLoaded += outcome.counts?.loaded ?? 0;
    options.onProgress?.({ filesDone: ++filesDone, filesTotal: expanded.length, rowsLoaded, current: expanded[index].name.fileKey });
  };
  await dropStaleAttempts(ch);
  const priors = await readIngestedFiles(ch, expanded.map((f) => f.name.fileKey));
  const toLoad: Omit<PendingFile, 'staged'>[] = [];
  for (const [index, file] of expanded.entries()) {
    const decision = await decide(ch, file, priors.get(file.name.fileKey), options);
    if ('outcome' in decision) finish(index, decision.outcome);
    else toLoad.push({ index, file, hash: decision.hash });
  }
  // A file with rows already stored (an earlier version, or a crashed load) is staged, so they are replaced.
  const withRows = await filesWithRows(ch, toLoad.filter((p) => !priors.has(p.file.name.fileKey)).map((p) => p.file.name));
  const pending = toLoad.map((p) => ({ ...p, staged: priors.has(p.file.name.fileKey) || withRows.has(p.file.name.fileKey) }));
  const batches = batchesOf(pending, options.batchFiles ?? DEFAULT_BATCH_FILES, options.batchBytes ?? DEFAULT_BATCH_BYTES);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const batchOutcomes = await loadBatch(ch, batches[i], options);
      batches[i].forEach((p, j) => finish(p.index, batchOutcomes[j]));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? os.availableParallelism()) }, lane));
  return summarise([...outcomes, ...done]);
}

/** A file to load, with its content hash when deciding already computed it. */
export interface PendingFile {
  index: number;
  file: CandidateFile;
  hash?: string;
  /** Its key may have rows in events or rejects already: load through staging (see loadFiles). */
  staged: boolean;
}

/** Whether a file needs loading, or its outcome when it does not (unchanged, changed, unreadable). */
async function decide(ch: ClickHouseClient, file: CandidateFile, prior: IngestedFile | undefined, options: IngestOptions): Promise<{ outcome: FileOutcome } | { hash?: string }> {
  const base = { file: file.path, fileKey: file.name.fileKey };
  if (prior && prior.path === file.path && prior.sizeBytes === file.sizeBytes && prior.mtimeMs === file.mtimeMs) return { outcome: { ...base, status: 'unchanged' } };
  const problem = await inspectFile(file.path, file.name.compression === 'gzip');
  if (problem) return { outcome: { ...base, status: 'failed', message: problem } };
  if (!prior) return {};
  const hash = await contentHash(file.path);
  if (hash === prior.contentHash) {
    // Re-sent with identical content (touched, copied): remember its new mtime so the next run skips it cheaply.
    await recordIngestedFiles(ch, [{ file, contentHash: hash, counts: prior.counts }]);
    return { outcome: { ...base, status: 'unchanged' } };
  }
  if (!options.replaceChanged) {
    return {
      outcome: {
        ...base,
        status: 'changed',
        message: `content differs from the ${file.name.fileKey} ingested at ${prior.ingestedAt} (from ${prior.path}); not loaded: re-run with --replace-changed to replace that day's rows with this file`,
      },
    };
  }
  return { hash };
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

/**
 * Loads and records a batch of files; when it fails, loads them one by one so the good ones still
 * load. Those retries go through staging: rows the batch may have left (a load that went in but
 * was not recorded) are then replaced, never doubled.
 */
async function loadBatch(ch: ClickHouseClient, batch: PendingFile[], options: IngestOptions): Promise<FileOutcome[]> {
  try {
    const origins = batch.map((p) => ({ name: p.file.name, origin: originOf(p.file, options.via) }));
    // Both settle before anything else happens: a retry must not start while the load still runs.
    const [loaded, hashed] = await Promise.allSettled([
      loadFiles(ch, origins, { staged: batch[0].staged }),
      Promise.all(batch.map((p) => p.hash ?? contentHash(p.file.path))),
    ]);
    if (loaded.status === 'rejected') throw loaded.reason;
    if (hashed.status === 'rejected') throw hashed.reason;
    const counts = loaded.value;
    await recordIngestedFiles(ch, batch.map((p, i) => ({ file: p.file, contentHash: hashed.value[i], counts: counts[i] })));
    return batch.map((p, i) => ({ file: p.file.path, fileKey: p.file.name.fileKey, status: 'loaded', counts: counts[i] }));
  } catch (err) {
    if (batch.length > 1) {
      const outcomes: FileOutcome[] = [];
      for (const p of batch) outcomes.push(...(await loadBatch(ch, [{ ...p, staged: true }], options)));
      return outcomes;
    }
    const text = oneLine(err);
    const advice = /end of (file|stream)|inflate|gzip|zlib|decompress|truncat|Cannot read all data/i.test(text)
      ? 'the file looks truncated or corrupt: copy it again from the source and ingest again'
      : 'ingest again; if it repeats, this is a bug to report with the message';
    return [{ file: batch[0].file.path, fileKey: batch[0].file.name.fileKey, status: 'failed', message: `not loaded, nothing stored changed: ${text}; ${advice}` }];
  }
}

function originOf(file: CandidateFile, via: IngestOptions['via']): LineOrigin {
  return via === 'path' ? { kind: 'path', path: file.path } : { kind: 'stream', open: () => openRaw(file) };
}

function openRaw(file: CandidateFile) {
  const stream = fs.createReadStream(file.path, { highWaterMark: 1 << 20 });
  return file.name.compression === 'gzip' ? stream.pipe(zlib.createGunzip()) : stream;
}

/** Replaces each `.tar.gz` by the raw logs inside it, unpacked into the temporary folder. */
async function expandArchives(files: CandidateFile[], tmpDir: string, outcomes: FileOutcome[]): Promise<CandidateFile[]> {
  const out: CandidateFile[] = [];
  for (const file of files) {
    if (file.name.compression !== 'tar.gz') {
      out.push(file);
      continue;
    }
    try {
      const inner = await extractArchive(file.path, path.join(tmpDir, path.basename(file.path)));
      for (const p of inner) {
        const name = parseLogFileName(path.basename(p));
        if ('error' in name) outcomes.push({ file: `${file.path}:${path.basename(p)}`, status: 'failed', message: `skipped: ${name.error}` });
        else if (name.compression !== 'none') outcomes.push({ file: `${file.path}:${path.basename(p)}`, status: 'failed', message: 'skipped: nested archives are not read; unpack it first' });
        else {
          const stat = fs.statSync(p);
          out.push({ path: p, name, sizeBytes: stat.size, mtimeMs: stat.mtimeMs });
        }
      }
    } catch (err) {
      outcomes.push({ file: file.path, status: 'failed', message: `the archive cannot be read (${oneLine(err)}); recreate it with tar czf` });
    }
  }
  return out;
}

function summarise(outcomes: FileOutcome[]): IngestSummary {
  const sum = (f: (c: FileCounts) => number) => outcomes.reduce((s, o) => s + (o.counts ? f(o.counts) : 0), 0);
  return {
    files: outcomes.length,
    loadedFiles: outcomes.filter((o) => o.status === 'loaded').length,
    unchangedFiles: outcomes.filter((o) => o.status === 'unchanged').length,
    problemFiles: outcomes.filter((o) => o.status === 'failed' || o.status === 'changed').length,
    lines: sum((c) => c.lines),
    loaded: sum((c) => c.loaded),
    repaired: sum((c) => c.repaired),
    rejected: sum((c) => c.rejected),
    blank: sum((c) => c.blank),
    outcomes,
  };
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
}
