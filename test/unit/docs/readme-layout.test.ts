import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
/** Folders git ignores at the top (installed packages, a scratch folder): not part of the project. */
const NOT_SOURCE = new Set(
  fs
    .readFileSync(path.join(ROOT, '.gitignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[^/*#!]+\/$/.test(l))
    .map((l) => l.slice(0, -1)),
);

test("README's project layout names every top-level folder, and only folders that exist", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Project layout'), readme.indexOf('\n## ', readme.indexOf('## Project layout') + 1));
  const named = new Set(
    section
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .flatMap((l) => [...l.split('|')[1].matchAll(/`([a-z][a-z0-9-]*)\/`/g)].map((m) => m[1])),
  );
  const folders = fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !NOT_SOURCE.has(d.name))
    .map((d) => d.name);
  assert.deepEqual([...named].sort(), folders.sort());
});
