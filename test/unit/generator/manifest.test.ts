import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Manifest, readManifest } from '../../../generator/index';
import { classify, generateSmall, logFiles, parseName, readLog, removeDir } from './helpers';

describe('manifest', () => {
  let dir = '';
  let manifest: Manifest;
  // Dirt is raised so a small run holds every kind of defect several times.
  before(async () => {
    ({ dir } = await generateSmall({ dirt: 20 }));
    manifest = await readManifest(dir);
  });
  after(() => removeDir(dir));

  it('lists every file and keeps the line invariant', () => {
    assert.deepEqual(manifest.files.map((f) => f.name).sort(), logFiles(dir));
    for (const f of manifest.files) {
      assert.equal(f.lines, f.blank + f.clean + f.repairedEdge + 2 * f.repairedSplit + f.rejected, f.name);
    }
  });

  it('matches an independent count of every file', () => {
    for (const f of manifest.files) {
      const { kind, date } = parseName(f.name);
      assert.equal(f.kind, kind);
      assert.equal(f.date, date);
      const c = classify(kind, readLog(dir, f.name));
      const { uids: _uids, ...counts } = c;
      assert.deepEqual(counts, {
        lines: f.lines,
        blank: f.blank,
        clean: f.clean,
        repairedEdge: f.repairedEdge,
        repairedSplit: f.repairedSplit,
        rejected: f.rejected,
      }, f.name);
    }
  });

  it('holds every defect class and sums totals per kind', () => {
    for (const kind of ['play', 'down', 'search'] as const) {
      const t = manifest.totals[kind];
      const files = manifest.files.filter((f) => f.kind === kind);
      assert.equal(t.files, 10);
      assert.equal(t.lines, files.reduce((a, f) => a + f.lines, 0));
      assert.equal(t.events, t.clean + t.repairedEdge + t.repairedSplit);
      assert.ok(t.repairedEdge > 0 && t.rejected > 0 && t.blank > 0, kind);
    }
    assert.ok(manifest.totals.down.repairedSplit > 0);
    assert.equal(manifest.events, manifest.totals.play.events + manifest.totals.down.events + manifest.totals.search.events);
  });

  it('has no dirt at all when dirt is 0', async () => {
    const clean = await generateSmall({ dirt: 0, days: 3 });
    try {
      const m = clean.summary.manifest;
      for (const f of m.files) assert.equal(f.clean, f.lines, f.name);
      assert.deepEqual(m.bots, []);
      const plays = readLog(clean.dir, '20170330_1_play.log').split('\n').filter((l) => l !== '');
      for (const l of plays) {
        const f = l.split('\t');
        assert.ok(f[2] !== '' && Number(f[6]) >= 0 && Number(f[7]) > 0 && Number(f[7]) <= 1200, l);
      }
    } finally {
      removeDir(clean.dir);
    }
  });
});
