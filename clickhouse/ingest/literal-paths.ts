import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Characters ClickHouse's file() reads as a pattern (`*`, `?`, `{a,b}`, `{1..9}`, and `[` which
 * it refuses). It has no escape for them, so a path holding one is never handed to it as is.
 */
const GLOB_CHARS = /[*?{}[\],]/;

export function hasGlobChars(p: string): boolean {
  return GLOB_CHARS.test(p);
}

/** A path file() reads as exactly the files given, and what to remove once it has read them. */
export interface LiteralSource {
  path: string;
  release(): void;
}

/**
 * The path file() must be given to read exactly these files of one folder and nothing else: the
 * file itself, or `folder/{a,b,…}` for several. When the folder's own path holds a glob character
 * (`logs?`, `b{x}`), the files are reached through a folder of links with plain names instead, made
 * under the first of `linkRoots` (then the system's temporary folder) whose path is plain.
 * Log names are validated (digits, letters, `_`, `.`), so a name itself never holds one.
 */
export function literalSource(paths: string[], linkRoots: string[]): LiteralSource {
  const folder = path.dirname(paths[0]);
  const names = paths.map((p) => path.basename(p));
  if (paths.some((p) => path.dirname(p) !== folder)) throw new Error('files parsed together must share a folder');
  if (names.some(hasGlobChars)) throw new Error(`file names unfit for a glob: ${names.join(', ')}`);
  if (!hasGlobChars(folder)) return { path: listOf(folder, names), release: () => undefined };
  const root = [...linkRoots, os.tmpdir()].find((r) => !hasGlobChars(r));
  if (!root) throw new Error(`no folder free of glob characters to link ${folder}'s files from (tried ${[...linkRoots, os.tmpdir()].join(', ')}); ingest with --via client`);
  fs.mkdirSync(root, { recursive: true });
  const links = fs.mkdtempSync(path.join(root, 'links-'));
  for (const [i, name] of names.entries()) fs.symlinkSync(paths[i], path.join(links, name));
  return { path: listOf(links, names), release: () => fs.rmSync(links, { recursive: true, force: true }) };
}

function listOf(folder: string, names: string[]): string {
  return names.length === 1 ? path.join(folder, names[0]) : path.join(folder, `{${names.join(',')}}`);
}
