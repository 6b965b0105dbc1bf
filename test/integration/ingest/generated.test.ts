import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import type { ClickHouseClient } from '../../../clickhouse';
import { generateLogs } from '../../../generator';
import { openTestEngine, rows, tempHome } from '../../support/engine';

let ch: ClickHouseClient;
let out: string;
before(async () => {
  ({ ch } = await openTestEngine());
});
after(() => ch.close());

test('generated logs with every kind of dirt: each file\'s counts match what the generator wrote', async () => {
  out = tempHome('musicbox-gen-');
  // Dirt ×20 so that every defect class appears in a small folder.
  const generated = await generateLogs({ outDir: out, users: 400, days: 6, seed: 7, dirt: 20 });
  const summary = await ingestFolder(ch, out, { via: 'path', tmpDir: tempHome() });
  assert.equal(summary.problemFiles, 0);
  for (const file of generated.manifest.files) {
    const got = summary.outcomes.find((o) => o.fileKey === file.name)!.counts!;
    assert.deepEqual(
      got,
      {
        lines: file.lines,
        blank: file.blank,
        loaded: file.clean + file.repairedEdge + file.repairedSplit,
        repaired: file.repairedEdge + file.repairedSplit,
        splitRecords: file.repairedSplit,
        rejected: file.rejected,
      },
      file.name,
    );
  }
  const [n] = await rows<{ n: string }>(ch, 'SELECT count() AS n FROM events');
  assert.equal(Number(n.n), generated.manifest.events);
});

test('files parsed one per statement or several per statement give the same tables and counts', async () => {
  const tableDigest = async () =>
    (await rows<{ events: string; rejects: string }>(ch, `SELECT
       (SELECT groupBitXor(cityHash64(*)) FROM events) AS events,
       (SELECT groupBitXor(cityHash64(*)) FROM rejects) AS rejects`))[0];
  const batched = await tableDigest();
  const before = await ingestFolder(ch, out, { via: 'path', tmpDir: tempHome() });
  assert.equal(before.unchangedFiles, before.files);
  await ch.command({ query: 'TRUNCATE TABLE ingested_files' });
  const oneByOne = await ingestFolder(ch, out, { via: 'path', tmpDir: tempHome(), batchFiles: 1 });
  assert.equal(oneByOne.loadedFiles, oneByOne.files);
  assert.deepEqual(await tableDigest(), batched);
  await ch.command({ query: 'TRUNCATE TABLE ingested_files' });
  const batchedAgain = await ingestFolder(ch, out, { via: 'path', tmpDir: tempHome(), batchFiles: 4 });
  assert.deepEqual(batchedAgain.outcomes.map((o) => o.counts), oneByOne.outcomes.map((o) => o.counts));
  assert.deepEqual(await tableDigest(), batched);
});
