import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import type { FileOutcome } from '../../../clickhouse/ingest/outcomes';
import { useTestEngine, RAW_SAMPLES, rows, tempHome } from '../../support/engine';

const engine = useTestEngine();

const byName = (outcomes: FileOutcome[], name: string) => outcomes.find((o) => path.basename(o.file) === name)!;

test('a linked log is loaded; a folder or a broken link named like a log is reported by name', async () => {
  const dir = tempHome('musicbox-skips-');
  const elsewhere = tempHome('musicbox-elsewhere-');
  fs.copyFileSync(path.join(RAW_SAMPLES, '20170330_1_search.log'), path.join(elsewhere, 'day.log'));
  fs.symlinkSync(path.join(elsewhere, 'day.log'), path.join(dir, '20170330_1_search.log'));
  fs.mkdirSync(path.join(dir, '20170331_1_play.log'));
  fs.symlinkSync(path.join(elsewhere, 'gone.log'), path.join(dir, '20170401_1_play.log'));
  const summary = await ingestFolder(engine.ch, dir, { via: 'path', tmpDir: engine.tmpDir });
  const linked = byName(summary.outcomes, '20170330_1_search.log');
  // The sample has 1000 lines, all good (README of the samples).
  assert.deepEqual([linked.status, linked.counts?.loaded], ['loaded', 1000]);
  assert.match(byName(summary.outcomes, '20170331_1_play.log').message!, /a folder named like a log/);
  assert.match(byName(summary.outcomes, '20170401_1_play.log').message!, /a link to .*gone\.log, which does not exist/);
  assert.equal(summary.problemFiles, 2);
});

test('a file with no good line is a problem on every ingest, and its reasons stay in rejects', async () => {
  const dir = tempHome('musicbox-allbad-');
  fs.writeFileSync(path.join(dir, '20170405_1_play.log'), 'not\ta\tlog\nnor\tthis\n\n');
  for (let round = 0; round < 2; round++) {
    const summary = await ingestFolder(engine.ch, dir, { via: 'path', tmpDir: engine.tmpDir });
    const [outcome] = summary.outcomes;
    assert.equal(outcome.status, 'failed', `round ${round}`);
    // 3 lines: two too short to be a play record (rejected), one blank.
    assert.match(outcome.message!, /no line could be loaded \(3 read: 2 rejected, 1 blank\)/);
    assert.equal(summary.problemFiles, 1);
  }
  const [n] = await rows<{ n: string }>(engine.ch, "SELECT count() AS n FROM rejects WHERE file_key = '20170405_1_play.log'");
  assert.equal(Number(n.n), 2);
});

test('a folder with no log, empty or not, is a problem naming the folder', async () => {
  const empty = tempHome('musicbox-empty-');
  const other = tempHome('musicbox-other-');
  fs.writeFileSync(path.join(other, 'notes.txt'), 'hello\n');
  for (const dir of [empty, other]) {
    const summary = await ingestFolder(engine.ch, dir, { via: 'path', tmpDir: engine.tmpDir });
    const folder = summary.outcomes.find((o) => o.file === dir);
    assert.match(folder?.message ?? '', /no raw log in this folder/, dir);
    assert.ok(summary.problemFiles >= 1);
  }
});
