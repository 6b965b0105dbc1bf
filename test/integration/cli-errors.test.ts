import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../temporal/binary';
import { tempHome } from '../support/engine';

/** Runs the real CLI in a child process with the given environment changes. */
function musicbox(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSICBOX_HOME: tempHome(), ...env },
    timeout: 120_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

/** A one-line error: no stack trace frames. */
function assertOneLine(stderr: string) {
  const lines = stderr.split('\n').filter((l) => l.startsWith('error:') || /^\s+at /.test(l));
  assert.equal(lines.length, 1, stderr);
  assert.doesNotMatch(stderr, /^\s+at /m);
}

test('an unreachable CLICKHOUSE_URL gives one line naming the URL', () => {
  const r = musicbox(['sql', 'SELECT 1'], { CLICKHOUSE_URL: 'http://127.0.0.1:9' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: ClickHouse at http:\/\/127\.0\.0\.1:9 is unavailable: .*CLICKHOUSE_URL/);
  assertOneLine(r.stderr);
});

test('a missing temporal binary gives one line saying how to install it', () => {
  const r = musicbox(['run'], { TEMPORAL_CLI: '/nonexistent/temporal', MUSICBOX_VENV: '/nonexistent/venv', PATH: '/usr/bin:/bin', TEMPORAL_ADDRESS: '' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /error: the 'temporal' binary was not found .*\.\/musicbox setup/);
  assertOneLine(r.stderr);
});

test('an unreachable TEMPORAL_ADDRESS gives one line naming the address', () => {
  const r = musicbox(['run'], { TEMPORAL_ADDRESS: '127.0.0.1:9' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot reach the Temporal server at 127\.0\.0\.1:9/);
  assertOneLine(r.stderr);
});

test('every command has --help', () => {
  for (const command of ['quickstart', 'run', 'up', 'generate', 'ingest', 'features', 'recommend', 'sql', 'worker']) {
    const r = musicbox([command, '--help'], {});
    assert.equal(r.code, 0, command);
    assert.match(r.stdout, new RegExp(`Usage: musicbox ${command}`));
  }
});
