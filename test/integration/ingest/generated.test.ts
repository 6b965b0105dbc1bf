import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ingestFolder } from '../../../clickhouse/ingest/ingest-folder';
import type { ClickHouseClient } from '../../../clickhouse';
import { generateLogs } from '../../../generator';
import { openTestEngine, rows, tempHome } from '../../support/engine';

let ch: ClickHouseClient;
before(async () => {
  ({ ch } = await openTestEngine());
});
after(() => ch.close());

test('generated logs with every kind of dirt: each file\'s counts match what the generator wrote', async () => {
  const out = tempHome('musicbox-gen-');
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
