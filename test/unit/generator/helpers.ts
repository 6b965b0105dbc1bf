import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type GenerateOptions, type GenerateSummary, generateLogs } from '../../../generator/index';

/** A small generation into a fresh temporary directory. */
export async function generateSmall(extra: Partial<GenerateOptions> = {}): Promise<{ dir: string; summary: GenerateSummary }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'musicbox-gen-'));
  const summary = await generateLogs({ users: 300, days: 10, seed: 7, outDir: dir, ...extra });
  return { dir, summary };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function logFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.log(\.gz)?$/.test(f))
    .sort();
}

export function readLog(dir: string, name: string): string {
  const buf = readFileSync(path.join(dir, name));
  return (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

export interface Classified {
  lines: number;
  blank: number;
  clean: number;
  repairedEdge: number;
  repairedSplit: number;
  rejected: number;
  /** Uid of every record that loads. */
  uids: string[];
}

const FIELDS: Record<string, number> = { play: 9, down: 6, search: 4 };

function valid(f: string[]): boolean {
  return /^\d+$/.test(f[0]) && (f[1] === 'ar' || f[1] === 'ip');
}

const allEmpty = (a: string[]): boolean => a.every((x) => x === '');

/**
 * Classifies a file's lines from its text alone, following the contract in
 * the manifest's documentation, written separately from the generator (which
 * counts while it writes) so that the two can check each other.
 */
export function classify(kind: string, text: string): Classified {
  const n = FIELDS[kind];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const c: Classified = { lines: lines.length, blank: 0, clean: 0, repairedEdge: 0, repairedSplit: 0, rejected: 0, uids: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') {
      c.blank++;
      continue;
    }
    const f = line.split('\t');
    if (f.length === n) {
      if (valid(f)) {
        c.clean++;
        c.uids.push(f[0]);
      } else c.rejected++;
      continue;
    }
    if (f.length > n) {
      const k = f.length - n;
      const candidates: string[][] = [];
      if (allEmpty(f.slice(0, k))) candidates.push(f.slice(k));
      if (allEmpty(f.slice(n))) candidates.push(f.slice(0, n));
      if (allEmpty(f.slice(n - 1, f.length - 1))) candidates.push([...f.slice(0, n - 1), f[f.length - 1]]);
      const ok = candidates.find(valid);
      if (ok) {
        c.repairedEdge++;
        c.uids.push(ok[0]);
      } else c.rejected++;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && next.startsWith('\t')) {
      const joined = (line + next).split('\t');
      if (joined.length === n && valid(joined)) {
        c.repairedSplit++;
        c.uids.push(joined[0]);
        i++;
        continue;
      }
    }
    c.rejected++;
  }
  return c;
}

/** `kind` and `YYYY-MM-DD` from a log file name. */
export function parseName(name: string): { date: string; kind: string } {
  const m = /^(\d{4})(\d{2})(\d{2})_1_(play|down|search)\.log(\.gz)?$/.exec(name);
  if (!m) throw new Error(`unexpected file name ${name}`);
  return { date: `${m[1]}-${m[2]}-${m[3]}`, kind: m[4] };
}
