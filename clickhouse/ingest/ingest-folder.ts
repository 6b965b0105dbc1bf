import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ClickHouseClient } from '@clickhouse/client';
import { extractArchive } from '../../ingest/extract-archive';
import { contentHash, inspectFile } from '../../ingest/inspect-file';
import { scanFolder, type CandidateFile, type FileProblem } from '../../ingest/scan-folder';
import { parseLogFileName } from '../../ingest/file-name';
import { loadFile, type FileCounts } from './load-file';
import { readIngestedFile, recordIngestedFile } from './ingested-files';

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
  /** Files loaded at the same time, default the number of cores (each file is one partition, so they never touch each other). */
  concurrency?: number;
  /** Called after every file, e.g. to heartbeat. */
  onProgress?: (progress: { filesDone: number; filesTotal: number; rowsLoaded: number; current: string }) => void;
}

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
  let rowsLoaded = 0;
  let next = 0;
  const done: FileOutcome[] = new Array(expanded.length);
  let filesDone = 0;
  const lane = async () => {
    for (let i = next++; i < expanded.length; i = next++) {
      const outcome = await ingestOne(ch, expanded[i], options);
      done[i] = outcome;
      rowsLoaded += outcome.counts?.loaded ?? 0;
      options.onProgress?.({ filesDone: ++filesDone, filesTotal: expanded.length, rowsLoaded, current: expanded[i].name.fileKey });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? os.availableParallelism()) }, lane));
  return summarise([...outcomes, ...done]);
}

async function ingestOne(ch: ClickHouseClient, file: CandidateFile, options: IngestOptions): Promise<FileOutcome> {
  const base = { file: file.path, fileKey: file.name.fileKey };
  const prior = await readIngestedFile(ch, file.name.fileKey);
  if (prior && prior.path === file.path && prior.sizeBytes === file.sizeBytes && prior.mtimeMs === file.mtimeMs) return { ...base, status: 'unchanged' };
  const problem = await inspectFile(file.path, file.name.compression === 'gzip');
  if (problem) return { ...base, status: 'failed', message: problem };
  const hashing = contentHash(file.path);
  if (prior) {
    const hash = await hashing;
    if (hash === prior.contentHash) {
      await recordSameContent(ch, file, hash);
      return { ...base, status: 'unchanged' };
    }
    if (!options.replaceChanged) {
      return {
        ...base,
        status: 'changed',
        message: `content differs from the ${file.name.fileKey} ingested at ${prior.ingestedAt} (from ${prior.path}); not loaded: re-run with --replace-changed to replace that day's rows with this file`,
      };
    }
  }
  try {
    const origin = options.via === 'path' ? { kind: 'path' as const, path: file.path } : { kind: 'stream' as const, open: () => openRaw(file) };
    const [counts, hash] = await Promise.all([loadFile(ch, file.name, origin), hashing]);
    await recordIngestedFile(ch, file, hash, counts);
    return { ...base, status: 'loaded', counts };
  } catch (err) {
    const text = oneLine(err);
    const advice = /end of (file|stream)|inflate|gzip|zlib|decompress|truncat|Cannot read all data/i.test(text)
      ? 'the file looks truncated or corrupt: copy it again from the source and ingest again'
      : 'ingest again; if it repeats, this is a bug to report with the message';
    return { ...base, status: 'failed', message: `not loaded, nothing stored changed: ${text}; ${advice}` };
  }
}

/** A file re-sent with identical content (touched, copied): remember its new mtime so the next run skips it cheaply. */
async function recordSameContent(ch: ClickHouseClient, file: CandidateFile, hash: string): Promise<void> {
  const [row] = await (
    await ch.query({
      query: `SELECT lines_read, loaded, repaired, rejected, blank, split_records FROM ingested_files WHERE file_key = {key:String} ORDER BY ingested_at DESC LIMIT 1`,
      query_params: { key: file.name.fileKey },
      format: 'JSONEachRow',
    })
  ).json<Record<string, string>>();
  await recordIngestedFile(ch, file, hash, {
    lines: Number(row.lines_read), loaded: Number(row.loaded), repaired: Number(row.repaired),
    rejected: Number(row.rejected), blank: Number(row.blank), splitRecords: Number(row.split_records),
  });
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
