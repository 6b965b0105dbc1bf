import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import { exportQuery } from '../../../clickhouse/export';
import type { ClickHouseClient } from '../../../clickhouse';
import { openTestEngine, tempHome } from '../../support/engine';

let ch: ClickHouseClient;
before(async () => {
  ({ ch } = await openTestEngine());
});
after(() => ch.close());

const QUERY = `SELECT toFloat64(number) AS uid, toUInt8(number % 5 + 1) AS rating FROM numbers({n:UInt32}) ORDER BY uid
               SETTINGS output_format_arrow_compression_method = 'none'`;

test('the embedded engine writing the file and the bytes streamed through the client give the same file', async () => {
  // a folder name with a quote and a backslash: the file name is spliced into the SQL as a literal
  const dir = path.join(tempHome(), "it's a\\folder");
  const viaEngine = path.join(dir, 'engine.arrows');
  const viaClient = path.join(dir, 'client.arrows');
  const params = { n: 100_000 };
  const bytes = await exportQuery(ch, QUERY, viaEngine, { params, via: 'engine' });
  await exportQuery(ch, QUERY, viaClient, { params, via: 'client' });
  assert.ok(fs.readFileSync(viaEngine).equals(fs.readFileSync(viaClient)));
  assert.equal(bytes, fs.statSync(viaEngine).size);
  const table = tableFromIPC(fs.readFileSync(viaEngine));
  assert.equal(table.numRows, 100_000);
  assert.equal(table.getChild('uid')!.get(99_999), 99_999);
  assert.equal(table.getChild('rating')!.get(7), 3);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['client.arrows', 'engine.arrows'], 'no temporary file is left');
});

test('a second export over an existing file replaces it', async () => {
  const file = path.join(tempHome(), 'again.arrows');
  await exportQuery(ch, QUERY, file, { params: { n: 10 } });
  await exportQuery(ch, QUERY, file, { params: { n: 3 } });
  assert.equal(tableFromIPC(fs.readFileSync(file)).numRows, 3);
});
