import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { startStack, type Stack } from '../../cli/stack';
import { removeStackFile, writeStackFile } from '../../cli/stack-file';
import { openClickHouse } from '../../clickhouse';
import { resolveSettings, type Settings } from '../../config/settings';
import { generateLogs } from '../../generator';
import type { PipelineInput } from '../../messages/pipeline';
import { pipelineWorkflowId } from '../../messages/run-id';
import { TASK_QUEUES } from '../../messages/task-queues';
import { PROJECT_ROOT } from '../../temporal/binary';
import { freePort } from '../../temporal/dev-server';
import { churnPipeline } from '../../workflows';
import { rows, tempHome } from '../support/engine';
import { testTemporalAddress } from '../support/stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const musicbox = (home: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), ...args], { env: { ...process.env, MUSICBOX_HOME: home } });

/** A supervised stack on a fresh state folder, found by the CLI (as `musicbox up` leaves it), stopped after `body`. */
async function withStack<T>(env: Record<string, string>, body: (stack: Stack, settings: Settings, said: string[]) => Promise<T>): Promise<T> {
  const settings = resolveSettings({ ...process.env, MUSICBOX_HOME: tempHome('musicbox-supervised-'), ...env });
  const said: string[] = [];
  const stack = await startStack(settings, { log: (l) => said.push(l) });
  writeStackFile(settings, { pid: process.pid, address: stack.address });
  try {
    return await body(stack, settings, said);
  } finally {
    removeStackFile(settings);
    await stack.stop();
  }
}

/** A small run: the pipeline test's two-cell grid over three folds. */
const smallRun = (runId: string, logsDir: string): PipelineInput & { runId: string } => ({
  runId,
  asOf: 'latest',
  logsDir,
  features: { minRatedSongs: 6 },
  churn: { grid: [{ nTrees: 10, maxDepth: 6, minSamplesLeaf: 5, maxFeatures: 'sqrt' }, { nTrees: 10, maxDepth: 3, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], folds: 3 },
});

/** Waits until one of the activities runs (started, not only scheduled). */
async function whileRunning(client: Client, workflowId: string, activities: string[]): Promise<void> {
  for (let i = 0; ; i++) {
    const described = await client.workflow.getHandle(workflowId).describe();
    if ((described.raw.pendingActivities ?? []).some((a) => a.state === 2 && activities.includes(a.activityType?.name ?? ''))) return;
    assert.equal(described.status.name, 'RUNNING', `the run ended before any of ${activities.join(', ')} was seen running`);
    assert.ok(i < 3000, `none of ${activities.join(', ')} ran within 5 minutes`);
    await sleep(100);
  }
}

test('two musicbox ingest of one folder and one of a link to it, at once through a running stack, leave exactly one copy', async () => {
  const logs = tempHome('musicbox-concurrent-logs-');
  const generated = await generateLogs({ outDir: logs, users: 400, days: 10, seed: 8 });
  const link = path.join(tempHome('musicbox-concurrent-link-'), 'logs');
  fs.symlinkSync(logs, link);
  let settings: Settings | undefined;
  const outputs = await withStack({ TEMPORAL_ADDRESS: testTemporalAddress(), MUSICBOX_TRAINING_WORKERS: '1' }, async (_stack, s) => {
    settings = s;
    return Promise.all([musicbox(s.home, 'ingest', logs), musicbox(s.home, 'ingest', logs), musicbox(s.home, 'ingest', link)]);
  });
  // The second ingest of the folder follows the first instead of starting its own.
  assert.equal(outputs.filter((o) => /already running .* following it/.test(o.stdout)).length, 1, outputs.map((o) => o.stdout).join('\n---\n'));
  const ch = await openClickHouse(settings!);
  try {
    const [events] = await rows<{ n: string; distinct: string }>(ch, 'SELECT count() AS n, uniqExact(file_key, line_no) AS distinct FROM events');
    assert.equal(Number(events.n), generated.manifest.events);
    assert.equal(Number(events.distinct), generated.manifest.events);
    const [rejects] = await rows<{ n: string; distinct: string }>(ch, 'SELECT count() AS n, uniqExact(file_key, line_no) AS distinct FROM rejects');
    assert.equal(Number(rejects.n), Number(rejects.distinct));
  } finally {
    await ch.close();
  }
});

test('SIGKILLed training workers are replaced and the run ends within a minute of the kill', async () => {
  const logs = tempHome('musicbox-kill-logs-');
  await generateLogs({ outDir: logs, users: 600, days: 44, seed: 3 });
  await withStack({ TEMPORAL_ADDRESS: testTemporalAddress(), MUSICBOX_TRAINING_WORKERS: '2' }, async (stack, _s, said) => {
    const client = new Client({ connection: await Connection.connect({ address: stack.address }) });
    try {
      // Grid forests large enough (seconds each) that one is surely running when the poll looks.
      const input = { ...smallRun('killed-training', logs), churn: { grid: [4000, 3900].map((nTrees) => ({ nTrees, maxDepth: 8, minSamplesLeaf: 5, maxFeatures: 'sqrt' as const })), folds: 3 } };
      const handle = await client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: `${pipelineWorkflowId(input.runId)}-${Date.now()}`, args: [input] });
      await whileRunning(client, handle.workflowId, ['runChurnGridForest']);
      const killed = stack.workers().filter((w) => w.spawnargs.some((a) => a.endsWith('training-worker.ts')));
      assert.equal(killed.length, 2);
      for (const w of killed) w.kill('SIGKILL');
      const at = Date.now();
      const result = await handle.result();
      assert.ok(Date.now() - at < 60_000, `the run ended ${(Date.now() - at) / 1000} s after the kill`);
      assert.equal(result.churn?.grid?.cells, 2);
      assert.equal(said.filter((l) => /training worker.* died \(killed by SIGKILL\)/.test(l)).length, 2, said.join(' | '));
      assert.ok(said.some((l) => /training worker.* restarted/.test(l)), said.join(' | '));
      // What they were running was handed back at once rather than after a heartbeat timeout.
      assert.ok(said.some((l) => /training worker.*: \d+ activity attempt\(s\) it was running handed back for retry/.test(l)), said.join(' | '));
    } finally {
      await client.connection.close();
    }
  });
});

test('musicbox follow re-attaches to a run after the Temporal server was killed and restarted', async () => {
  const logs = tempHome('musicbox-follow-logs-');
  await generateLogs({ outDir: logs, users: 600, days: 44, seed: 3 });
  await withStack({ TEMPORAL_ADDRESS: '', MUSICBOX_TEMPORAL_PORT: String(await freePort()), MUSICBOX_TEMPORAL_UI_PORT: String(await freePort()), MUSICBOX_TRAINING_WORKERS: '1' }, async (stack, settings, said) => {
    const input = smallRun('followed', logs);
    let client = new Client({ connection: await Connection.connect({ address: stack.address }) });
    await client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: pipelineWorkflowId(input.runId), args: [input] });
    await whileRunning(client, pipelineWorkflowId(input.runId), ['buildRunFeatures', 'exportRunData', 'runChurnGridUnit', 'trainChurnModel', 'fitRecommender']);
    await client.connection.close();
    process.kill(stack.serverPid()!, 'SIGKILL');
    for (let i = 0; !said.some((l) => /Temporal server restarted/.test(l)); i++) {
      assert.ok(i < 600, `the server was not restarted within a minute: ${said.join(' | ')}`);
      await sleep(100);
    }
    const followed = await musicbox(settings.home, 'follow', input.runId);
    assert.match(followed.stdout, /following run followed/);
    client = new Client({ connection: await Connection.connect({ address: stack.address }) });
    try {
      const result = await client.workflow.getHandle<typeof churnPipeline>(pipelineWorkflowId(input.runId)).result();
      // What follow printed is the run's own result.
      assert.match(followed.stdout, /run followed completed/);
      assert.match(followed.stdout, new RegExp(`${result.churn!.best}.*← best`));
    } finally {
      await client.connection.close();
    }
  });
});
