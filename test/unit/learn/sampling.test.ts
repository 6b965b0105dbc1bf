import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../learn/random';
import { sampleRows } from '../../../learn/trees/sampling';

test('a row sample and its out-of-bag rows split 0..n-1 between them, both ascending', () => {
  const n = 5000;
  const { inBag, outOfBag } = sampleRows(n, 0.8, mulberry32(3));
  const ascending = (rows: Int32Array) => rows.every((r, k) => k === 0 || r > rows[k - 1]);
  assert.ok(ascending(inBag) && ascending(outOfBag));
  assert.deepEqual([...inBag, ...outOfBag].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
  assert.ok(Math.abs(inBag.length / n - 0.8) < 0.03, `kept ${inBag.length}`);
  assert.deepEqual(sampleRows(n, 0.8, mulberry32(3)).inBag, inBag);
  const all = sampleRows(10, 1, mulberry32(3));
  assert.deepEqual(Array.from(all.inBag), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(all.outOfBag.length, 0);
});
