import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findTemporalCli, TemporalCliNotFoundError } from '../../../temporal/binary';

function fakeBinary(dir: string): string {
  const file = path.join(dir, 'temporal');
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

test('TEMPORAL_CLI wins, then the PATH', () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-a-'));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-b-'));
  const explicit = fakeBinary(a);
  const onPath = fakeBinary(b);
  assert.equal(findTemporalCli(explicit, b), explicit);
  assert.equal(findTemporalCli(undefined, `/nonexistent${path.delimiter}${b}`), onPath);
});

test('the project venv is the last fallback', () => {
  const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-v-'));
  const local = fakeBinary(venv);
  assert.equal(findTemporalCli(undefined, '/nonexistent', local), local);
});

test('without any binary the error names where it looked and how to install one', () => {
  assert.throws(
    () => findTemporalCli('/nonexistent/temporal', '/nonexistent', '/nonexistent/.venv/bin/temporal'),
    (err: unknown) => err instanceof TemporalCliNotFoundError && /TEMPORAL_CLI=\/nonexistent\/temporal/.test(err.message) && /musicbox setup/.test(err.message),
  );
});
