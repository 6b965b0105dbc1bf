import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { scanFolder, type CandidateFile } from '../../ingest/scan-folder';
import { dropStaleAttempts } from './attempts';
import { batchesOf, type PendingFile } from './batches';
import { FileClaims, type HeldClaim } from './claims';
import { decide } from './decide';
import { expandArchives } from './expand-archives';
import { readIngestedFiles } from './ingested-files';
import { loadBatch } from './load-batch';
import { summarise, type FileOutcome, type IngestSummary } from './outcomes';
import { disagreement, storedRows } from './stored-rows';

export interface IngestOptions {
  /**
   * `path`: ClickHouse reads each file itself (embedded engine only, the fast path);
   * `client`: the bytes stream through the client (a server cannot see this machine's files).
   */
  via: 'path' | 'client';
  /** Folder for unpacked archives (and links to files under a path with glob characters). */
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
  /**
   * Who this ingest is, in the messages of another ingest that waits for a file it holds; the
   * same holder (a retried activity) takes over its own claims at once. Default: this process.
   */
  holder?: string;
  /** How often to look again at a file another ingest holds, default 1 s. */
  waitPollMs?: number;
  /** Called after every file and while waiting for another ingest, e.g. to heartbeat. */
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

interface Candidate {
  index: number;
  file: CandidateFile;
}

/**
 * Ingests every raw log of a folder. Files already ingested with the same content are skipped, so
 * running it again, or resuming after a crash, loads only what is missing; a file whose content
 * changed under the same name is reported and left alone unless `replaceChanged`. A bad file is
 * reported with what to do, and the good files beside it still load. Each file is claimed first
 * (see FileClaims): a file another ingest is loading is waited for, then found already ingested.
 */
export async function ingestFolder(ch: ClickHouseClient, folder: string, options: IngestOptions): Promise<IngestSummary> {
  const { files, problems } = scanFolder(folder);
  const outcomes: FileOutcome[] = problems.map((p) => ({ file: p.file, status: 'failed', message: p.message }));
  const expanded = await expandArchives(files, options.tmpDir, outcomes);
  if (files.length === 0) {
    outcomes.push({ file: folder, status: 'failed', message: 'no raw log in this folder; pass the folder that holds the YYYYMMDD_N_{play,down,search}.log[.gz|.tar.gz] files' });
  }
  const done: FileOutcome[] = new Array(expanded.length);
  const progress = { filesDone: 0, filesTotal: expanded.length, rowsLoaded: 0, current: '' };
  const waitedFor = new Map<string, string>();
  const finish = (index: number, outcome: FileOutcome) => {
    const holder = waitedFor.get(expanded[index].name.fileKey);
    done[index] = holder && outcome.status === 'unchanged' ? { ...outcome, message: `ingested meanwhile by ${holder}, which this ingest waited for` } : outcome;
    progress.rowsLoaded += outcome.counts?.loaded ?? 0;
    options.onProgress?.({ ...progress, filesDone: ++progress.filesDone, current: expanded[index].name.fileKey });
  };
  await dropStaleAttempts(ch);
  const claims = new FileClaims(ch, options.holder ?? `musicbox ingest (pid ${process.pid} on ${os.hostname()})`);
  try {
    let waiting: Candidate[] = expanded.map((file, index) => ({ index, file }));
    for (;;) {
      const held = await claims.claim(waiting.map((c) => c.file.name.fileKey));
      const heldKeys = new Map(held.map((h) => [h.fileKey, h]));
      const mine = waiting.filter((c) => !heldKeys.has(c.file.name.fileKey));
      waiting = waiting.filter((c) => heldKeys.has(c.file.name.fileKey));
      await loadClaimed(ch, mine, options, finish);
      await claims.release(mine.map((c) => c.file.name.fileKey));
      if (waiting.length === 0) break;
      for (const h of held) waitedFor.set(h.fileKey, h.holder);
      options.onProgress?.({ ...progress, current: waitingLine(held) });
      await new Promise((r) => setTimeout(r, options.waitPollMs ?? 1000));
    }
  } finally {
    await claims.release();
  }
  return summarise([...outcomes, ...done]);
}

function waitingLine(held: HeldClaim[]): string {
  const first = held[0];
  return `waiting for ${held.length} file(s) another ingest is loading (${first.fileKey}: ${first.holder}, since ${first.since})`;
}

/** Decides, batches and loads files this ingest holds the claims of. */
async function loadClaimed(ch: ClickHouseClient, claimed: Candidate[], options: IngestOptions, finish: (index: number, outcome: FileOutcome) => void): Promise<void> {
  if (claimed.length === 0) return;
  const names = claimed.map((c) => c.file.name);
  const priors = await readIngestedFiles(ch, names.map((n) => n.fileKey));
  const stored = await storedRows(ch, names);
  const pending: PendingFile[] = [];
  for (const { index, file } of claimed) {
    const key = file.name.fileKey;
    const prior = priors.get(key);
    const decision = await decide(ch, file, prior, options.replaceChanged ?? false, prior && disagreement(stored.get(key), prior.counts));
    if ('outcome' in decision) finish(index, decision.outcome);
    // A file with rows already stored (an earlier version, a crashed load, a repair) is staged, so they are replaced.
    else pending.push({ index, file, hash: decision.hash, note: decision.note, staged: prior !== undefined || stored.has(key) });
  }
  const batches = batchesOf(pending, options.batchFiles ?? DEFAULT_BATCH_FILES, options.batchBytes ?? DEFAULT_BATCH_BYTES);
  const batchOptions = { via: options.via, linkRoots: [path.join(options.tmpDir, 'links')] };
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const batchOutcomes = await loadBatch(ch, batches[i], batchOptions);
      batches[i].forEach((p, j) => finish(p.index, batchOutcomes[j]));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? os.availableParallelism()) }, lane));
}
