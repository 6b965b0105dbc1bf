import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildCatalogue } from './catalogue';
import { compactDay, isoDay } from './dates';
import type { DayResult } from './day-output';
import { DaySimulator } from './day-simulation';
import { LOG_KINDS, type Manifest, type ManifestFile, buildManifest, writeManifest } from './manifest';
import { type GenerateOptions, resolveOptions } from './options';
import { Prng } from './prng';
import { buildUsers } from './users';
import { writeChunks } from './writers';

export type { DirtRates, GenerateOptions, GenerateProgress, ResolvedOptions } from './options';
export type { FileCounts, KindTotals, LogKind, Manifest, ManifestFile } from './manifest';
export { EXPECTED_FIELDS, MANIFEST_FILE, readManifest } from './manifest';

/** What a generation produced. */
export interface GenerateSummary {
  outDir: string;
  manifestPath: string;
  files: number;
  /** Physical lines written, all files together. */
  lines: number;
  /** Events that should load, per kind and in total. */
  events: { play: number; down: number; search: number; total: number };
  bytes: number;
  bots: number;
  seconds: number;
  manifest: Manifest;
}

/**
 * Generates `days` days of raw play, download and search logs for `users`
 * users into `outDir`, plus `manifest.json`. The same options (seed included)
 * give byte-identical files.
 */
export async function generateLogs(options: GenerateOptions): Promise<GenerateSummary> {
  const t0 = process.hrtime.bigint();
  const opts = resolveOptions(options);
  await fs.mkdir(opts.outDir, { recursive: true });
  const rng = new Prng(opts.seed);
  const cat = buildCatalogue(rng, opts.songs);
  const users = buildUsers(rng, opts.users, opts.days, cat.genres, opts.dirt);
  const sim = new DaySimulator(rng, cat, users, opts);
  const ext = opts.compression === 'gzip' ? '.log.gz' : '.log';

  const files: ManifestFile[] = [];
  // Day d+1 is simulated while day d is still being written (and compressed
  // on the thread pool): the two cores then both do useful work.
  let pending: Promise<ManifestFile[]> | undefined;
  let rows = 0;
  for (let d = 0; d < opts.days; d++) {
    const date = isoDay(opts.startDate, d);
    const result = sim.simulate(d, date);
    if (pending) files.push(...(await pending));
    pending = writeDay(opts.outDir, date, ext, opts.compression === 'gzip', result);
    for (const k of LOG_KINDS) rows += result[k].counts.lines;
    options.onProgress?.({ day: d + 1, days: opts.days, date, rows });
  }
  if (pending) files.push(...(await pending));

  const bots: number[] = [];
  let newUsers = 0;
  let churners = 0;
  let twoDevice = 0;
  for (let i = 0; i < users.count; i++) {
    if (users.bot[i]) bots.push(users.uid[i]);
    if (users.start[i] > 0) newUsers++;
    if (users.churner[i]) churners++;
    if (users.twoDevice[i]) twoDevice++;
  }
  const manifest = buildManifest(
    opts,
    files,
    bots,
    { users: users.count, newUsers, churners, twoDevice },
    isoDay(opts.startDate, 0),
    isoDay(opts.startDate, opts.days - 1),
  );
  const manifestPath = await writeManifest(opts.outDir, manifest);
  const t = manifest.totals;
  return {
    outDir: opts.outDir,
    manifestPath,
    files: files.length,
    lines: files.reduce((a, f) => a + f.lines, 0),
    events: { play: t.play.events, down: t.down.events, search: t.search.events, total: manifest.events },
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    bots: bots.length,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    manifest,
  };
}

async function writeDay(outDir: string, date: string, ext: string, gzip: boolean, day: DayResult): Promise<ManifestFile[]> {
  return Promise.all(
    LOG_KINDS.map(async (kind) => {
      const name = `${compactDay(date)}_1_${kind}${ext}`;
      const bytes = await writeChunks(path.join(outDir, name), day[kind].chunks, gzip);
      return { name, kind, date, bytes, ...day[kind].counts };
    }),
  );
}
