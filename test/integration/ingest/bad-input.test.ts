import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import { InvalidLogFolderError } from '../../../ingest/scan-folder';
import { useTestEngine, RAW_SAMPLES, rows, tempHome } from '../../support/engine';

const engine = useTestEngine();

const search = fs.readFileSync(path.join(RAW_SAMPLES, '20170330_1_search.log'));

test('a missing folder is one clear error', async () => {
  await assert.rejects(ingestFolder(engine.ch, '/nonexistent/logs', { via: 'path', tmpDir: engine.tmpDir }), (err: unknown) => err instanceof InvalidLogFolderError && /no such folder/.test(err.message));
});

test('bad files are reported by name with what to do, and the good files beside them load', async () => {
  const dir = tempHome('musicbox-bad-');
  fs.writeFileSync(path.join(dir, '20170330_1_search.log'), search); // good
  fs.writeFileSync(path.join(dir, '2017033_1_play.log'), search); // no valid date
  fs.writeFileSync(path.join(dir, '20170231_1_play.log'), search); // 31 February
  fs.writeFileSync(path.join(dir, '20170331_1_play.log'), ''); // empty
  fs.writeFileSync(path.join(dir, '20170401_1_play.log'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe])); // binary
  const gz = zlib.gzipSync(search);
  fs.writeFileSync(path.join(dir, '20170402_1_search.log.gz'), gz.subarray(0, Math.floor(gz.length / 2))); // truncated gzip
  // invalid UTF-8 on line 2, and a 3 MB line 3, in an otherwise good play file
  const good = '168550892\tar\t23491655\t0\tname\tsinger\t254\t254\t0';
  fs.writeFileSync(
    path.join(dir, '20170403_1_play.log'),
    Buffer.concat([Buffer.from(`${good}\n`), Buffer.from('168550892\tar\t1\t0\t'), Buffer.from([0xc3, 0x28]), Buffer.from(`\tx\t1\t2\t0\n`), Buffer.from(`168550892\tar\t1\t0\t${'a'.repeat(3 << 20)}\tx\t1\t2\t0\n${good}\n`)]),
  );

  const summary = await ingestFolder(engine.ch, dir, { via: 'path', tmpDir: engine.tmpDir });
  const by = (name: string) => summary.outcomes.find((o) => path.basename(o.file) === name)!;
  assert.equal(by('20170330_1_search.log').status, 'loaded');
  assert.equal(by('20170330_1_search.log').counts!.loaded, 1000);
  assert.match(by('2017033_1_play.log').message!, /not YYYYMMDD_N.*rename/);
  assert.match(by('20170231_1_play.log').message!, /20170231 is not a valid date/);
  assert.match(by('20170331_1_play.log').message!, /empty/);
  assert.match(by('20170401_1_play.log').message!, /binary data/);
  assert.equal(by('20170402_1_search.log.gz').status, 'failed');
  assert.match(by('20170402_1_search.log.gz').message!, /nothing of 20170402_1_search\.log is stored.*(truncated or corrupt|gzip data is corrupt)|gzip data is corrupt/);

  const mixed = by('20170403_1_play.log');
  assert.deepEqual(mixed.counts, { lines: 4, blank: 0, loaded: 2, repaired: 0, splitRecords: 0, rejected: 2 });
  const rejects = await rows<{ line_no: number; reason: string; len: string }>(engine.ch, "SELECT line_no, reason, length(raw) AS len FROM rejects WHERE file_key = '20170403_1_play.log' ORDER BY line_no");
  assert.deepEqual(rejects.map((r) => [r.line_no, r.reason]), [[2, 'invalid_utf8'], [3, 'line_too_long']]);
  assert.ok(Number(rejects[1].len) < 70_000, 'a huge line is kept truncated');

  // nothing from the truncated gzip reached events
  const [n] = await rows<{ n: string }>(engine.ch, "SELECT count() AS n FROM events WHERE file_key = '20170402_1_search.log'");
  assert.equal(Number(n.n), 0);
});

test('a corrupt file parsed together with good files of its kind fails alone', async () => {
  const dir = tempHome('musicbox-batch-');
  const gz = zlib.gzipSync(search);
  fs.writeFileSync(path.join(dir, '20170410_1_search.log.gz'), gz);
  fs.writeFileSync(path.join(dir, '20170411_1_search.log.gz'), gz.subarray(0, Math.floor(gz.length / 2))); // truncated
  fs.writeFileSync(path.join(dir, '20170412_1_search.log.gz'), gz);
  const summary = await ingestFolder(engine.ch, dir, { via: 'path', tmpDir: engine.tmpDir });
  assert.deepEqual(summary.outcomes.map((o) => [o.fileKey, o.status, o.counts?.loaded]), [
    ['20170410_1_search.log', 'loaded', 1000],
    ['20170411_1_search.log', 'failed', undefined],
    ['20170412_1_search.log', 'loaded', 1000],
  ]);
  const [n] = await rows<{ n: string }>(engine.ch, "SELECT count() AS n FROM events WHERE file_key IN ('20170410_1_search.log', '20170411_1_search.log', '20170412_1_search.log')");
  assert.equal(Number(n.n), 2000);
});
