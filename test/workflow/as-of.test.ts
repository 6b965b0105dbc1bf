import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { WorkflowFailedError, type WorkflowExecutionInfo } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { generateLogs } from '../../generator';
import type { PipelineResult } from '../../messages/pipeline';
import { SEARCH_ATTRIBUTES } from '../../messages/search-attributes';
import { TASK_QUEUES } from '../../messages/task-queues';
import { PROJECT_ROOT } from '../../temporal/binary';
import { churnPipeline, logIngest } from '../../workflows';
import { tempHome } from '../support/engine';
import { testTemporalAddress, useWorkflowStack } from '../support/stack';

const stack = useWorkflowStack(async () => {
  // 44 days, 2017-03-30 to 2017-05-12.
  const logs = tempHome('musicbox-asof-logs-');
  await generateLogs({ outDir: logs, users: 300, days: 44, seed: 9 });
  await stack.client.workflow.execute(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: 'asof-ingest', args: [{ dir: logs }] });
});

function musicbox(...args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSICBOX_HOME: stack.settings.home, TEMPORAL_ADDRESS: testTemporalAddress() },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `musicbox ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// Through the SQL worker that holds the embedded engine, as a user would.
const sql = async (query: string) => Promise.resolve(musicbox('sql', query, '--format', 'TSV').trim());

const testStart = new Date();

/** The closed runs a schedule started in this test file, oldest first, once there are `n`. */
async function scheduledRuns(scheduleId: string, n: number): Promise<WorkflowExecutionInfo[]> {
  for (let i = 0; ; i++) {
    const runs: WorkflowExecutionInfo[] = [];
    const query = `TemporalScheduledById = '${scheduleId}' AND ExecutionStatus != 'Running' AND StartTime >= '${testStart.toISOString()}'`;
    for await (const w of stack.client.workflow.list({ query })) runs.push(w);
    if (runs.length >= n) return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    assert.ok(i < 600, `schedule ${scheduleId}: ${runs.length} of ${n} runs closed`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Daily ticks at 03:00; a 20-day feature window, so as-of dates from 05-02 on fit the 44 days.
const INPUT = JSON.stringify({ features: { featureDays: 20 }, branches: ['recommendations'] });

test('a backfill over three as-of dates makes three runs, each with its own windows, run id and search attributes', async () => {
  musicbox('schedule', 'create', 'retrain', '--id', 'backfill3', '--cron', '0 3 * * *', '--input', INPUT, '--paused');
  assert.match(musicbox('schedule', 'list'), /^backfill3 {2}retrain {2}paused/m);
  assert.match(musicbox('schedule', 'describe', 'backfill3'), /overlap BUFFER_ONE/);
  musicbox('schedule', 'backfill', 'backfill3', '--from', '2017-05-10', '--to', '2017-05-12');
  const runs = await scheduledRuns('backfill3', 3);
  const results = await Promise.all(runs.map((r) => stack.client.workflow.getHandle(r.workflowId, r.runId).result() as Promise<PipelineResult>));
  // As of D the label window ends on D and the snapshot is D - 14; the feature window has 20 days.
  assert.deepEqual(
    results.map((r) => [r.runId, r.window?.asOf, r.features.snapshotDate, r.window?.featureStart]),
    [
      ['backfill3-2017-05-10', '2017-05-10', '2017-04-26', '2017-04-07'],
      ['backfill3-2017-05-11', '2017-05-11', '2017-04-27', '2017-04-08'],
      ['backfill3-2017-05-12', '2017-05-12', '2017-04-28', '2017-04-09'],
    ],
  );
  assert.equal(
    await sql("SELECT run_id, snapshot_date, window_start, range_end FROM run_cleaning_report WHERE stage = 'training' AND startsWith(run_id, 'backfill3-') ORDER BY run_id"),
    ['backfill3-2017-05-10\t2017-04-26\t2017-04-07\t2017-05-10', 'backfill3-2017-05-11\t2017-04-27\t2017-04-08\t2017-05-11', 'backfill3-2017-05-12\t2017-04-28\t2017-04-09\t2017-05-12'].join('\n'),
  );
  // Each run can be found by its run id, as-of date and kind.
  for (const [i, r] of runs.entries()) {
    const attrs = (await stack.client.workflow.getHandle(r.workflowId, r.runId).describe()).typedSearchAttributes;
    assert.equal(attrs.get(SEARCH_ATTRIBUTES.runId), results[i].runId);
    assert.equal(attrs.get(SEARCH_ATTRIBUTES.asOf)?.toISOString(), `${results[i].window?.asOf}T00:00:00.000Z`);
    assert.equal(attrs.get(SEARCH_ATTRIBUTES.kind), 'retrain');
  }
  // Datetime attributes are matched by range (equality depends on how the store writes fractions).
  const found = async (query: string) => {
    const ids: string[] = [];
    for await (const w of stack.client.workflow.list({ query: `${query} AND StartTime >= '${testStart.toISOString()}'` })) ids.push(w.workflowId);
    return ids;
  };
  assert.deepEqual(await found("MusicboxAsOf >= '2017-05-11T00:00:00Z' AND MusicboxAsOf < '2017-05-12T00:00:00Z' AND MusicboxKind = 'retrain'"), [runs[1].workflowId]);
  assert.deepEqual(await found("MusicboxRunId = 'backfill3-2017-05-12'"), [runs[2].workflowId]);
});

test('the same as-of date twice replaces that run\'s rows: one copy', async () => {
  const before = await sql("SELECT count(), uniqExact(uid) FROM run_features WHERE run_id = 'backfill3-2017-05-12'");
  const [rows, users] = before.split('\t').map(Number);
  assert.ok(rows > 0 && rows === users);
  const recs = await sql("SELECT count() FROM recommendations WHERE run_id = 'backfill3-2017-05-12'");
  musicbox('schedule', 'backfill', 'backfill3', '--from', '2017-05-12', '--to', '2017-05-12');
  const runs = await scheduledRuns('backfill3', 4);
  const again = (await stack.client.workflow.getHandle(runs[3].workflowId, runs[3].runId).result()) as PipelineResult;
  assert.equal(again.runId, 'backfill3-2017-05-12');
  assert.equal(await sql("SELECT count(), uniqExact(uid) FROM run_features WHERE run_id = 'backfill3-2017-05-12'"), before);
  assert.equal(await sql("SELECT count() FROM recommendations WHERE run_id = 'backfill3-2017-05-12'"), recs);
  assert.equal(await sql("SELECT count() FROM run_cleaning_report WHERE run_id = 'backfill3-2017-05-12'"), '2');
  musicbox('schedule', 'delete', 'backfill3');
  assert.doesNotMatch(musicbox('schedule', 'list'), /backfill3/);
});

test('an as-of date the data cannot fill fails at once, not retried, naming the missing dates', async () => {
  const handle = await stack.client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'asof-too-late', args: [{ asOf: '2017-05-20' }] });
  await assert.rejects(handle.result(), (err: unknown) => {
    assert.ok(err instanceof WorkflowFailedError && err.cause instanceof ActivityFailure && err.cause.cause instanceof ApplicationFailure, String(err));
    assert.equal(err.cause.cause.type, 'IncompleteWindow');
    assert.equal(err.cause.cause.nonRetryable, true);
    // Data ends on 05-12: the label window 05-07..05-20 lacks its last eight days.
    assert.match(err.cause.cause.message, /needs dates the ingested data does not hold: 2017-05-13\.\.2017-05-20 \(8 days\)/);
    return true;
  });
  const events = (await handle.fetchHistory()).events ?? [];
  assert.deepEqual(events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []), ['resolveRunWindow']);
  assert.equal(events.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).length, 0);
});

test('a run started by hand without as-of date or run id reads as of the latest ingested date, and is named after it', async () => {
  const result = await stack.client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'asof-by-hand', args: [{ branches: ['recommendations'] }] });
  // The logs end on 05-12; the snapshot is 14 days before.
  assert.deepEqual([result.runId, result.window?.asOf, result.features.snapshotDate], ['run-2017-05-12', '2017-05-12', '2017-04-28']);
});
