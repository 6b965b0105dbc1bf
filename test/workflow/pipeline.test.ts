import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import { findTemporalCli, PROJECT_ROOT } from '../../temporal/binary';
import { TASK_QUEUES } from '../../messages/task-queues';
import { churnPipeline } from '../../workflows';
import type { Settings } from '../../config/settings';
import { RAW_SAMPLES } from '../support/engine';
import { startWorker, stopWorker, testClient, testSettings, testTemporalAddress } from '../support/stack';

let settings: Settings;
let workers: ChildProcess[];
let client: Client;
before(async () => {
  settings = testSettings();
  workers = [await startWorker(settings, 'sql'), await startWorker(settings, 'training')];
  client = await testClient();
});
after(async () => {
  await client.connection.close();
  for (const w of workers) await stopWorker(w);
});

/** Plays per user in the samples, counted directly from the text (the 3 unparseable play lines excluded). */
function samplePlaysPerUser(): { users: Set<string>; plays: number[] } {
  const users = new Set<string>();
  const plays = new Map<string, number>();
  for (const kind of ['play', 'down', 'search']) {
    const lines = fs.readFileSync(path.join(RAW_SAMPLES, `20170330_1_${kind}.log`), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (kind === 'play' && [23, 200, 244].includes(i + 1)) return;
      const uid = line.replace(/^\t/, '').split('\t')[0];
      if (!/^\d+$/.test(uid)) return; // blank lines and the second halves of split records
      users.add(uid);
      if (kind === 'play') plays.set(uid, (plays.get(uid) ?? 0) + 1);
    });
  }
  return { users, plays: [...users].map((u) => plays.get(u) ?? 0) };
}

test('the pipeline ingests the real samples and profiles every user, end to end on real workers', async () => {
  const handle = await client.workflow.start(churnPipeline, {
    taskQueue: TASK_QUEUES.workflows,
    workflowId: 'churn-pipeline-wf-samples',
    args: [{ runId: 'wf-samples', logsDir: RAW_SAMPLES }],
  });
  const result = await handle.result().catch((err) => {
    throw new Error(`pipeline failed: ${err.cause?.message} ${err.cause?.cause?.message ?? ''}`);
  });
  assert.deepEqual(result.ingest, { files: 3, loaded: 2993, repaired: 7, rejected: 3, skipped: 0 });

  const { users, plays } = samplePlaysPerUser();
  assert.equal(result.profile.users, users.size);
  assert.equal(result.profile.events, 2993);
  const sorted = [...plays].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  assert.equal(result.profile.medianPlays, (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2);

  // The run is visible to the temporal CLI, with each step.
  const shown = execFileSync(findTemporalCli(settings.temporal.cliPath), ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', testTemporalAddress(), '--output', 'json'], { encoding: 'utf8' });
  for (const step of ['ingestLogs', 'summariseActivity', 'profileActivity']) assert.match(shown, new RegExp(step));
  assert.match(shown, /EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED|WorkflowExecutionCompleted/);
});

test('musicbox sql reaches the embedded engine through the worker that holds it', () => {
  const out = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', "SELECT count() FROM events WHERE event = 'D'", '--format', 'TSV'], {
    encoding: 'utf8',
    env: { ...process.env, MUSICBOX_HOME: settings.home },
  });
  assert.equal(out.trim(), '996');
});

test('a worker stops gracefully on SIGTERM', async () => {
  const code = await stopWorker(workers[1], 'SIGTERM');
  assert.equal(code, 0);
});
