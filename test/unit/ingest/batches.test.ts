import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchesOf, type PendingFile } from '../../../clickhouse/ingest/batches';
import { parseLogFileName, type LogFileName } from '../../../ingest/file-name';

const MB = 1 << 20;

function pending(index: number, file: string, sizeMb: number, staged = false, folder = '/logs'): PendingFile {
  const name = parseLogFileName(file) as LogFileName;
  return { index, file: { path: `${folder}/${file}`, name, sizeBytes: sizeMb * MB, mtimeMs: 0 }, staged };
}

const indices = (batches: PendingFile[][]) => batches.map((b) => b.map((p) => p.index));

test('a batch closes at the file limit or before the byte limit would be passed; a larger file goes alone', () => {
  const files = [
    pending(0, '20170330_1_play.log', 600),
    pending(1, '20170331_1_play.log', 600), // 1200 MB would pass 1024
    pending(2, '20170401_1_play.log', 10),
    pending(3, '20170402_1_play.log', 2000), // alone: larger than the limit
    pending(4, '20170403_1_play.log', 1),
    pending(5, '20170404_1_play.log', 1), // the file limit (2) closes the batch
  ];
  assert.deepEqual(indices(batchesOf(files, 2, 1024 * MB)), [[0], [1, 2], [3], [4, 5]]);
  assert.deepEqual(indices(batchesOf(files, 64, 1024 * MB)), [[0], [1, 2], [3], [4, 5]]);
  assert.deepEqual(indices(batchesOf(files, 64, 4096 * MB)), [[0, 1, 2, 3, 4, 5]]); // 3,212 MB in all
});

test('files of another kind, compression, folder or route never share a batch', () => {
  const files = [
    pending(0, '20170330_1_play.log', 1),
    pending(1, '20170330_1_down.log', 1),
    pending(2, '20170331_1_play.log.gz', 1),
    pending(3, '20170331_1_play.log', 1, false, '/other'),
    pending(4, '20170401_1_play.log', 1, true),
    pending(5, '20170402_1_play.log', 1),
  ];
  assert.deepEqual(indices(batchesOf(files, 64, 1024 * MB)), [[0, 5], [1], [2], [3], [4]]);
});
