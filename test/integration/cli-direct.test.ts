import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { generateLogs } from '../../generator';
import { PROJECT_ROOT } from '../../temporal/binary';
import { tempHome } from '../support/engine';

/** The real CLI in a child process, on one state folder, with no Temporal server anywhere. */
function musicbox(home: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSICBOX_HOME: home, TEMPORAL_ADDRESS: '127.0.0.1:1' },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ingest --direct and features --direct run the services in the CLI process, without Temporal', async () => {
  const home = tempHome('musicbox-direct-');
  const logs = path.join(home, 'logs');
  // 44 days from 2017-03-30: the seed's windows fit exactly (F ends 2017-04-28, L ends 2017-05-12).
  await generateLogs({ outDir: logs, users: 200, days: 44, seed: 13 });
  const ingest = musicbox(home, ['ingest', logs, '--direct']);
  assert.equal(ingest.code, 0, ingest.stderr);
  const features = musicbox(home, ['features', '--direct']);
  assert.equal(features.code, 0, features.stderr);
  assert.match(features.stdout, /features at 2017-04-28/);
  assert.match(features.stdout, /scoring snapshot at 2017-05-12/);
  const labelled = Number(/(\d+) labelled users/.exec(features.stdout)?.[1]);
  assert.ok(labelled > 0 && labelled <= 200, features.stdout);
  // A bad parameter is one line naming it, from the same parse the activity does.
  const bad = musicbox(home, ['features', '--direct', '--sample', '0']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /sampleRatio/);
});
