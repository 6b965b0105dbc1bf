import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeAtomically, writeFileAtomically, writeLinesAtomically } from '../../../artifacts/atomic-file';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-atomic-'));

test('a failed write keeps the previous file whole and leaves no temporary file', async () => {
  const dir = folder();
  const file = path.join(dir, 'model.json');
  await writeFileAtomically(file, 'old');
  await assert.rejects(
    writeAtomically(file, async (tmp) => {
      fs.writeFileSync(tmp, 'half of the ne');
      throw new Error('disk gone');
    }),
    /disk gone/,
  );
  assert.equal(fs.readFileSync(file, 'utf8'), 'old');
  assert.deepEqual(fs.readdirSync(dir), ['model.json']);
});

test('two writers of the same file at once each write their own temporary file; one whole version remains', async () => {
  const dir = folder();
  const file = path.join(dir, 'sub', 'scores.tsv');
  const a = 'a'.repeat(1 << 20);
  const b = 'b'.repeat(1 << 19);
  const seen = new Set<string>();
  const slow = (text: string) => (tmp: string) => {
    seen.add(tmp);
    return new Promise<void>((resolve) => setImmediate(() => resolve(fs.promises.writeFile(tmp, text))));
  };
  await Promise.all([writeAtomically(file, slow(a)), writeAtomically(file, slow(b))]);
  assert.equal(seen.size, 2);
  assert.ok([a, b].includes(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['scores.tsv']);
});

test('lines end in a newline each; no lines make an empty file', async () => {
  const dir = folder();
  await writeLinesAtomically(path.join(dir, 'two'), ['x\t1', 'y\t2']);
  await writeLinesAtomically(path.join(dir, 'none'), []);
  assert.equal(fs.readFileSync(path.join(dir, 'two'), 'utf8'), 'x\t1\ny\t2\n');
  assert.equal(fs.readFileSync(path.join(dir, 'none'), 'utf8'), '');
});
