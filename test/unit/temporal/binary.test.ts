import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resolveSettings } from '../../../config/settings';
import { findTemporalCli, temporalCliOf, TemporalCliNotFoundError } from '../../../temporal/binary';

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
  assert.equal(findTemporalCli(explicit, b, '/nonexistent/.venv/bin/temporal'), explicit);
  assert.equal(findTemporalCli(undefined, `/nonexistent${path.delimiter}${b}`, '/nonexistent/.venv/bin/temporal'), onPath);
});

test('the project venv is the last fallback', () => {
  const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-v-'));
  const local = fakeBinary(venv);
  assert.equal(findTemporalCli(undefined, '/nonexistent', local), local);
});

test('settings name the places: TEMPORAL_CLI, PATH, MUSICBOX_VENV', () => {
  const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-v-'));
  fs.mkdirSync(path.join(venv, 'bin'));
  const local = fakeBinary(path.join(venv, 'bin'));
  const onPath = fakeBinary(fs.mkdtempSync(path.join(os.tmpdir(), 'mb-p-')));
  assert.equal(temporalCliOf(resolveSettings({ MUSICBOX_VENV: venv, PATH: '/nonexistent' }).temporal), local);
  assert.equal(temporalCliOf(resolveSettings({ MUSICBOX_VENV: venv, PATH: path.dirname(onPath) }).temporal), onPath);
  assert.equal(temporalCliOf(resolveSettings({ MUSICBOX_VENV: venv, PATH: path.dirname(onPath), TEMPORAL_CLI: local }).temporal), local);
});

test('without any binary the error names where it looked and how to install one', () => {
  assert.throws(
    () => findTemporalCli('/nonexistent/temporal', '/nonexistent', '/nonexistent/.venv/bin/temporal'),
    (err: unknown) => err instanceof TemporalCliNotFoundError && /TEMPORAL_CLI=\/nonexistent\/temporal/.test(err.message) && /musicbox setup/.test(err.message),
  );
});
