import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { LinesToTsv, escapeTsv } from '../../../ingest/lines-to-tsv';

async function convert(chunks: Buffer[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const c of Readable.from(chunks).pipe(new LinesToTsv('k'))) out.push(c as Buffer);
  return Buffer.concat(out).toString('latin1');
}

test('lines split on \\n only, across chunk borders, numbered from 1; a final newline opens no line', async () => {
  assert.equal(await convert([Buffer.from('a\tb\nc'), Buffer.from('d\n\ne\n')]), 'k\t1\ta\\tb\nk\t2\tcd\nk\t3\t\nk\t4\te\n');
  assert.equal(await convert([Buffer.from('x')]), 'k\t1\tx\n');
});

test('every leading key becomes a column, escaped like the line', async () => {
  const out: Buffer[] = [];
  for await (const c of Readable.from([Buffer.from('x\n')]).pipe(new LinesToTsv('a1', 'k\tey'))) out.push(c as Buffer);
  assert.equal(Buffer.concat(out).toString('latin1'), 'a1\tk\\tey\t1\tx\n');
});

test('escaping keeps the exact bytes, invalid UTF-8 included', () => {
  assert.deepEqual(escapeTsv(Buffer.from([0x61, 0x5c, 0x0d, 0x00, 0xff])), Buffer.from([0x61, 0x5c, 0x5c, 0x5c, 0x72, 0x5c, 0x30, 0xff]));
  const plain = Buffer.from('no specials');
  assert.equal(escapeTsv(plain), plain);
});
