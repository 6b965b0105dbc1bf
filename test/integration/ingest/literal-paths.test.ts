import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import { useTestEngine, rows, tempHome } from '../../support/engine';

const engine = useTestEngine();

/** A search log of `n` lines whose uids all start with `tag`, so each folder's rows are told apart. */
function searchLog(tag: number, n: number): string {
  return Array.from({ length: n }, (_, i) => `${tag}${String(i).padStart(4, '0')}\tar\t2017-03-30 10:00:00\tsong ${i}\n`).join('');
}

test('folders named with glob characters load exactly their own files, and a sibling that a pattern would match is not read', async () => {
  const root = tempHome('musicbox-globs-');
  // `a?` would match a1 and a2 as a pattern, `d*` would match d1; `b{x}` would match only `bx`, `c[1]` nothing.
  const folders: [string, number][] = [['a?', 1], ['a1', 2], ['a2', 3], ['b{x}', 4], ['bx', 5], ['c[1]', 6], ['c1', 7], ['d*', 8], ['d1', 9]];
  for (const [folder, tag] of folders) {
    fs.mkdirSync(path.join(root, folder));
    // Two files of one kind, so they are parsed by one statement (the brace list), and one of another.
    fs.writeFileSync(path.join(root, folder, '20170330_1_search.log'), searchLog(tag, 3));
    fs.writeFileSync(path.join(root, folder, '20170331_1_search.log'), searchLog(tag, 4));
  }
  for (const folder of ['a?', 'b{x}', 'c[1]', 'd*']) {
    const tag = folders.find(([f]) => f === folder)![1];
    const summary = await ingestFolder(engine.ch, path.join(root, folder), { via: 'path', tmpDir: engine.tmpDir, replaceChanged: true });
    assert.equal(summary.problemFiles, 0, JSON.stringify(summary.outcomes));
    assert.deepEqual(summary.outcomes.map((o) => [o.fileKey, o.status, o.counts?.loaded]), [
      ['20170330_1_search.log', 'loaded', 3],
      ['20170331_1_search.log', 'loaded', 4],
    ]);
    // Each ingest replaces the two keys' rows: only this folder's 7 lines may be there, each once.
    const got = await rows<{ tag: string; n: string; distinct: string }>(
      engine.ch,
      "SELECT substring(toString(uid), 1, 1) AS tag, count() AS n, uniqExact(file_key, line_no) AS distinct FROM events WHERE file_key IN ('20170330_1_search.log', '20170331_1_search.log') GROUP BY tag",
    );
    assert.deepEqual(got.map((r) => [Number(r.tag), Number(r.n), Number(r.distinct)]), [[tag, 7, 7]], folder);
  }
  // No link folder is left behind.
  assert.deepEqual(fs.existsSync(path.join(engine.tmpDir, 'links')) ? fs.readdirSync(path.join(engine.tmpDir, 'links')) : [], []);
});
