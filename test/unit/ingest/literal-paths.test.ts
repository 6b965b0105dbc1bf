import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { hasGlobChars, literalSource } from '../../../clickhouse/ingest/literal-paths';
import { tempHome } from '../../support/engine';

test('files of a plain folder are read by their own path, several through a brace list', () => {
  assert.equal(literalSource(['/logs/20170330_1_play.log'], []).path, '/logs/20170330_1_play.log');
  assert.equal(literalSource(['/logs/20170330_1_play.log', '/logs/20170331_1_play.log'], []).path, '/logs/{20170330_1_play.log,20170331_1_play.log}');
});

test('files of different folders are never read by one glob', () => {
  assert.throws(() => literalSource(['/a/20170330_1_play.log', '/b/20170331_1_play.log'], []), /share a folder/);
});

test('files under a folder with glob characters are reached through links from a plain folder, removed after', () => {
  const root = tempHome('musicbox-links-');
  for (const folder of ['a?', 'b{x}', 'c[1]', 'd*']) {
    const dir = path.join(root, folder);
    fs.mkdirSync(dir);
    const files = ['20170330_1_play.log', '20170331_1_play.log'].map((n) => path.join(dir, n));
    files.forEach((f, i) => fs.writeFileSync(f, `line ${i}\n`));
    const source = literalSource(files, [path.join(root, 'plain', 'links')]);
    assert.equal(hasGlobChars(path.dirname(source.path)), false, source.path);
    const links = path.dirname(source.path);
    assert.deepEqual(fs.readdirSync(links).sort().map((n) => fs.readFileSync(path.join(links, n), 'utf8')), ['line 0\n', 'line 1\n']);
    source.release();
    assert.equal(fs.existsSync(links), false);
  }
});
