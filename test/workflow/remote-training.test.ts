import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { spawnWorker } from '../../cli/stack';
import { clickHouseUrlOf, readSqlEndpoint } from '../../clickhouse/http/endpoint-file';
import { artifactsDir, type Settings } from '../../config/settings';
import { generateLogs } from '../../generator';
import type { PipelineResult } from '../../messages/pipeline';
import { TASK_QUEUES } from '../../messages/task-queues';
import { churnPipeline } from '../../workflows';
import { rows, tempHome } from '../support/engine';
import { stopWorker, testClient, testSettings, testTemporalAddress } from '../support/stack';

let settings: Settings;
let client: Client;
let logs: string;
const running: ChildProcess[] = [];
before(async () => {
  settings = testSettings();
  client = await testClient();
  logs = tempHome('musicbox-remote-logs-');
  await generateLogs({ outDir: logs, users: 500, days: 44, seed: 21 });
});
after(async () => {
  await client.connection.close();
  for (const w of running) await stopWorker(w);
});

const start = async (kind: 'sql' | 'training', env: Record<string, string> = {}) => {
  const w = await spawnWorker(settings, kind, testTemporalAddress(), false, running.length, undefined, env);
  running.push(w);
  return w;
};
const stopAll = async () => {
  for (const w of running.splice(0)) await stopWorker(w);
};

// A grid of one large forest per fold: each grid activity runs for seconds, long enough to be killed half-way.
const startPipeline = (runId: string, withLogs: boolean) =>
  client.workflow.start(churnPipeline, {
    taskQueue: TASK_QUEUES.workflows,
    workflowId: `remote-training-${runId}`,
    args: [{ runId, ...(withLogs && { logsDir: logs }), features: { minRatedSongs: 6 }, churn: { grid: [{ nTrees: 3000, maxDepth: 8, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], folds: 2 } }],
  });

/** The pid of the worker running an activity of this type (started, not only scheduled). */
async function workerRunning(handle: WorkflowHandle, activity: string): Promise<number> {
  for (let i = 0; ; i++) {
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    const running = pending.find((a) => a.state === 2 && a.activityType?.name === activity && a.lastWorkerIdentity);
    if (running) return Number(running.lastWorkerIdentity!.split('@')[0]);
    assert.ok(i < 1200, `no ${activity} ran within 2 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a run computed, without what only says when or where it ran (durations, run ids, artifact keys and the report's location). */
function outcome(result: PipelineResult): unknown {
  const drop = /seconds|Seconds|Ms$|^stepMs$|^runId$|^artifacts$|^previousBest$|^ingest$|^report$/;
  const strip = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !drop.test(k)).map(([k, x]) => [k, strip(x)])) : v;
  return strip(result);
}

test('training workers with their own empty state folders, given only TEMPORAL_ADDRESS and CLICKHOUSE_URL, one killed mid-activity and replaced, produce the single-machine results, each artifact written once', async () => {
  // One machine: the SQL worker and a training worker share the state folder and its artifacts folder.
  await start('sql');
  await start('training');
  const local = await (await startPipeline('local', true)).result();
  await stopAll();

  // Many machines: the SQL worker keeps artifacts in the engine and serves it over HTTP; each
  // training worker has a fresh state folder of its own and reaches the engine at CLICKHOUSE_URL.
  await start('sql', { MUSICBOX_ARTIFACT_STORE: 'clickhouse' });
  const endpoint = readSqlEndpoint(settings.home);
  assert.ok(endpoint, 'the SQL worker recorded its HTTP endpoint');
  assert.equal(fs.statSync(path.join(settings.home, 'sql-endpoint.json')).mode & 0o777, 0o600, 'the endpoint file, which holds the token, is private');
  const workerHomes = [tempHome('musicbox-remote-worker-'), tempHome('musicbox-remote-worker-')];
  const remoteEnv = (home: string) => ({ MUSICBOX_HOME: home, CLICKHOUSE_URL: clickHouseUrlOf(endpoint), MUSICBOX_ARTIFACT_STORE: '', MUSICBOX_SQL_HTTP: '' });
  for (const home of workerHomes) await start('training', remoteEnv(home));
  const handle = await startPipeline('remote', false);
  // One of them is killed in the middle of a grid forest, and another, with a state folder of its
  // own too, joins: the forest is run again once its heartbeat times out, and written once.
  const victim = await workerRunning(handle, 'runChurnGridForest');
  const killed = running.find((w) => w.pid === victim);
  assert.ok(killed, `the grid forest runs on one of the remote workers (pid ${victim})`);
  killed.kill('SIGKILL');
  workerHomes.push(tempHome('musicbox-remote-worker-'));
  await start('training', remoteEnv(workerHomes[2]));
  const remote = await handle.result();
  const retried = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskStartedEventAttributes && (e.activityTaskStartedEventAttributes.attempt ?? 1) > 1);
  assert.equal(retried.length, 1, 'exactly the killed forest ran a second attempt');

  assert.deepEqual(outcome(remote), outcome(local));
  // Nothing of the remote run went through a folder: not the SQL worker's, not the workers' own.
  assert.equal(fs.existsSync(path.join(artifactsDir(settings), 'remote')), false);
  for (const home of workerHomes) assert.deepEqual(fs.readdirSync(home).filter((f) => f !== 'logs'), [], `${home} holds no artifacts`);

  const ch: ClickHouseClient = createClient({ url: endpoint.url, password: endpoint.token, log: { level: ClickHouseLogLevel.OFF } });
  try {
    // The published scores are the same rows, to the last bit.
    const [diff] = await rows<{ n: string; total: string }>(
      ch,
      `SELECT (SELECT count() FROM (SELECT uid, probability, rank FROM churn_scores WHERE run_id = 'remote'
                                   EXCEPT SELECT uid, probability, rank FROM churn_scores WHERE run_id = 'local')) AS n,
              (SELECT count() FROM churn_scores WHERE run_id = 'remote') AS total`,
    );
    assert.equal(Number(diff.n), 0);
    assert.equal(Number(diff.total), remote.churn!.scored);
    // Every artifact of the run was written once: one record per key.
    const keys = await rows<{ key: string; records: string; versions: string }>(
      ch,
      `SELECT key, v.records AS records, p.versions AS versions
       FROM (SELECT key, count() AS records FROM artifact_versions WHERE run_id = 'remote' GROUP BY key) AS v
       LEFT JOIN (SELECT key, uniqExact(version) AS versions FROM artifact_parts WHERE run_id = 'remote' GROUP BY key) AS p USING key
       ORDER BY key`,
    );
    assert.ok(keys.some((k) => k.key === 'remote/training-matrix.arrows') && keys.some((k) => k.key === 'remote/churn-scores.tsv'));
    assert.ok(keys.some((k) => k.key.startsWith('remote/models/')) && keys.some((k) => k.key === 'remote/recommenders/nmf.songs.f64'));
    // Exports are recorded queries, never stored bytes; everything else is one stored version.
    for (const k of keys) assert.deepEqual([k.key, Number(k.records), Number(k.versions)], [k.key, 1, k.key.endsWith('.arrows') ? 0 : 1]);
  } finally {
    await ch.close();
  }
});
