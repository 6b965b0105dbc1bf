import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { generateSmall, logFiles, readLog, removeDir } from './helpers';

describe('generator determinism', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeDir));

  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const a = await generateSmall({ seed: 11 });
    const b = await generateSmall({ seed: 11 });
    const c = await generateSmall({ seed: 12 });
    dirs.push(a.dir, b.dir, c.dir);
    const names = logFiles(a.dir);
    assert.equal(names.length, 30);
    assert.deepEqual(logFiles(b.dir), names);
    for (const name of names) {
      assert.ok(readFileSync(path.join(a.dir, name)).equals(readFileSync(path.join(b.dir, name))), `${name} differs`);
    }
    const differing = names.filter((n) => !readFileSync(path.join(a.dir, n)).equals(readFileSync(path.join(c.dir, n))));
    assert.ok(differing.length >= 25, `only ${differing.length} files differ between seeds`);
  });

  it('gzip output decompresses to the same text as plain output', async () => {
    const plain = await generateSmall({ seed: 5, days: 3 });
    const gz = await generateSmall({ seed: 5, days: 3, compression: 'gzip' });
    dirs.push(plain.dir, gz.dir);
    const gzNames = logFiles(gz.dir);
    assert.ok(gzNames.every((n) => n.endsWith('.log.gz')));
    for (const name of logFiles(plain.dir)) assert.equal(readLog(gz.dir, `${name}.gz`), readLog(plain.dir, name));
  });
});
