import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { startStack } from '../../cli/stack';
import { acquireStackLock, StackLockedError } from '../../cli/stack-lock';
import { resolveSettings } from '../../config/settings';
import { tempHome } from '../support/engine';
import { testTemporalAddress } from '../support/stack';

/** Pids of the processes whose environment names this state folder: what a stack on it started. */
function processesOf(home: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`MUSICBOX_HOME=${home}`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

const settingsFor = (home: string, extra: Record<string, string> = {}) =>
  resolveSettings({ ...process.env, MUSICBOX_HOME: home, TEMPORAL_ADDRESS: testTemporalAddress(), ...extra });

test('a second stack on one state folder is refused with nothing started', async () => {
  const home = tempHome('musicbox-lock-');
  const release = acquireStackLock(home); // the first stack: this process holds the folder
  try {
    await assert.rejects(startStack(settingsFor(home), { workers: ['sql', 'training'] }), (err: unknown) => err instanceof StackLockedError && err.pid === process.pid);
    assert.deepEqual(processesOf(home), []);
  } finally {
    release();
  }
  // Given up, the folder can be taken again.
  acquireStackLock(home)();
});

test('a start that fails stops every process it had started', async () => {
  const home = tempHome('musicbox-failed-start-');
  // No worker can reach this ClickHouse (training workers check the engine before they poll), so
  // the start fails with whichever exits first, and must stop those it had started by then.
  const settings = settingsFor(home, { CLICKHOUSE_URL: 'http://127.0.0.1:9' });
  process.env.CLICKHOUSE_URL = 'http://127.0.0.1:9'; // the workers read their environment
  try {
    await assert.rejects(startStack(settings, { workers: ['training', 'sql', 'training'] }), /(sql|training) worker exited .*127\.0\.0\.1:9/);
  } finally {
    delete process.env.CLICKHOUSE_URL;
  }
  assert.deepEqual(processesOf(home), []);
  // And the folder's lock was given up with them.
  acquireStackLock(home)();
});

test('a worker that dies is restarted, and the stack says so', async () => {
  const home = tempHome('musicbox-supervised-');
  const lines: string[] = [];
  const stack = await startStack(settingsFor(home), { workers: ['training'], log: (l) => lines.push(l) });
  try {
    const [first] = stack.workers();
    first.kill('SIGKILL');
    for (let i = 0; !lines.some((l) => /restarted/.test(l)); i++) {
      assert.ok(i < 600, `no restart within a minute: ${lines.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(lines[0], /training worker died \(killed by SIGKILL\); restarting it in 1 s/);
    const [second] = stack.workers();
    assert.notEqual(second.pid, first.pid);
    assert.equal(second.exitCode, null);
  } finally {
    await stack.stop();
  }
  assert.deepEqual(processesOf(home), []);
});
