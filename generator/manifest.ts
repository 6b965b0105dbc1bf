import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ResolvedOptions } from './options';

/**
 * `manifest.json`: what an ingester should see in every generated file.
 *
 * Classification of physical lines (the contract an ingester is tested against):
 * - `blank`: an empty line.
 * - `clean`: exactly the kind's field count (play 9, down 6, search 4), uid all
 *   digits, device `ar` or `ip`. Empty song_id, empty/`nan`/negative play_time,
 *   zero/negative song_length and huge values are still clean: they load, with
 *   NULLs or odd values, and cleaning deals with them later.
 * - `repairedEdge`: more fields than expected where the extras are all EMPTY and
 *   sit at the start (leading tab), at the end (trailing tab), or in one run just
 *   before the last field; removing them gives a clean record.
 * - `repairedSplit`: a record broken over two physical lines; the first is short
 *   (fewer fields than expected) and the second starts with a tab, and joining
 *   them (dropping the newline) gives a clean record. Counted once per record;
 *   it uses two lines. A tab-led line is a continuation only when it follows a
 *   short line and the join has exactly the expected field count.
 * - `rejected`: anything else (non-digit uid, unknown device, non-empty extra
 *   fields, a truncated line with no continuation).
 *
 * Invariant per file: lines = blank + clean + repairedEdge + 2·repairedSplit + rejected.
 */
export type LogKind = 'play' | 'down' | 'search';

export const LOG_KINDS: readonly LogKind[] = ['play', 'down', 'search'];

/** Field count of a clean line of each kind. */
export const EXPECTED_FIELDS: Readonly<Record<LogKind, number>> = { play: 9, down: 6, search: 4 };

export interface FileCounts {
  lines: number;
  blank: number;
  clean: number;
  repairedEdge: number;
  repairedSplit: number;
  rejected: number;
}

export interface ManifestFile extends FileCounts {
  /** File name inside outDir, e.g. `20170330_1_play.log`. */
  name: string;
  kind: LogKind;
  /** `YYYY-MM-DD`, the date of every row in the file. */
  date: string;
  /** Size on disk (compressed size for `.gz`). */
  bytes: number;
}

export interface KindTotals extends FileCounts {
  files: number;
  /** Events that should load: clean + repairedEdge + repairedSplit. */
  events: number;
}

export interface Manifest {
  format: 'musicbox-raw-logs';
  version: 1;
  options: ResolvedOptions;
  firstDate: string;
  lastDate: string;
  files: ManifestFile[];
  totals: Record<LogKind, KindTotals>;
  /** Events that should load, all kinds together. */
  events: number;
  /** Uids of the generated bots, ascending. */
  bots: number[];
  /** Ground truth of the user model, for sanity checks of downstream models. */
  population: { users: number; newUsers: number; churners: number; twoDevice: number };
}

export function emptyCounts(): FileCounts {
  return { lines: 0, blank: 0, clean: 0, repairedEdge: 0, repairedSplit: 0, rejected: 0 };
}

/** Events an ingester should load from a file with these counts. */
export function loadableEvents(c: FileCounts): number {
  return c.clean + c.repairedEdge + c.repairedSplit;
}

export function buildManifest(
  options: ResolvedOptions,
  files: ManifestFile[],
  bots: number[],
  population: Manifest['population'],
  firstDate: string,
  lastDate: string,
): Manifest {
  const totals = {} as Record<LogKind, KindTotals>;
  for (const kind of LOG_KINDS) totals[kind] = { ...emptyCounts(), files: 0, events: 0 };
  for (const f of files) {
    const t = totals[f.kind];
    t.files++;
    t.lines += f.lines;
    t.blank += f.blank;
    t.clean += f.clean;
    t.repairedEdge += f.repairedEdge;
    t.repairedSplit += f.repairedSplit;
    t.rejected += f.rejected;
    t.events += loadableEvents(f);
  }
  const events = LOG_KINDS.reduce((a, k) => a + totals[k].events, 0);
  return {
    format: 'musicbox-raw-logs',
    version: 1,
    options,
    firstDate,
    lastDate,
    files,
    totals,
    events,
    bots: [...bots].sort((a, b) => a - b),
    population,
  };
}

export const MANIFEST_FILE = 'manifest.json';

export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const file = path.join(outDir, MANIFEST_FILE);
  await fs.writeFile(file, JSON.stringify(manifest, null, 2) + '\n');
  return file;
}

export async function readManifest(outDir: string): Promise<Manifest> {
  return JSON.parse(await fs.readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
}
