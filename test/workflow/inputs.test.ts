import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { generateLogs } from '../../generator';
import { TASK_QUEUES } from '../../messages/task-queues';
import { churnPipeline, featureStage, logIngest } from '../../workflows';
import { queryEngine } from '../../cli/query';
import { tempHome } from '../support/engine';
import { useWorkflowStack } from '../support/stack';

let logs: string;
const stack = useWorkflowStack(async () => {
  // 44 days from 2017-03-30 to 2017-05-12.
  logs = tempHome('musicbox-inputs-logs-');
  await generateLogs({ outDir: logs, users: 300, days: 44, seed: 8 });
  await stack.client.workflow.execute(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-ingest', args: [{ dir: logs }] });
});

const sql = async (query: string) => (await queryEngine(stack.settings, query, 'TSV')).trim();

/** Runs a workflow that must fail at once on its input; returns the failure and the activities it scheduled. */
async function rejected(start: () => Promise<{ result(): Promise<unknown>; fetchHistory(): Promise<{ events?: { activityTaskScheduledEventAttributes?: unknown }[] | null }> }>) {
  const handle = await start();
  let failure: ApplicationFailure | undefined;
  await assert.rejects(handle.result(), (err: unknown) => {
    assert.ok(err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure, String(err));
    failure = err.cause;
    return true;
  });
  const scheduled = ((await handle.fetchHistory()).events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
  return { failure: failure!, scheduled };
}

test('an explicit snapshot date passes the workflow input check: the default date and another one', async () => {
  // The seed's date, given explicitly (it used to fail inside the workflow for every date).
  const seed = await stack.client.workflow.execute(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-snapshot-default', args: [{ params: { runId: 'snap-default', snapshotDate: '2017-04-28' }, scoring: false }] });
  assert.equal(seed.features.snapshotDate, '2017-04-28');
  // Another date, with a 20-day feature window: F = [04-01, 04-20], L = [04-21, 05-04].
  const other = await stack.client.workflow.execute(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-snapshot-other', args: [{ params: { runId: 'snap-other', snapshotDate: '2017-04-20', featureDays: 20 }, scoring: false }] });
  assert.equal(other.features.snapshotDate, '2017-04-20');
  assert.equal(await sql("SELECT snapshot_date, window_start, range_end FROM run_cleaning_report WHERE run_id = 'snap-other' AND stage = 'training'"), '2017-04-20\t2017-04-01\t2017-05-04');
  // The labelled users are the non-bots active in F, counted here straight from the events.
  const active = await sql(
    `SELECT count() FROM (SELECT uid FROM events WHERE date BETWEEN '2017-04-01' AND '2017-04-20' GROUP BY uid)
     WHERE uid NOT IN (SELECT uid FROM run_users WHERE run_id = 'snap-other' AND stage = 'training' AND is_bot)`,
  );
  assert.equal(String(other.features.labelled), active);
});

test('the pipeline takes a snapshot date too (`musicbox run --snapshot`)', async () => {
  const result = await stack.client.workflow.execute(churnPipeline, {
    taskQueue: TASK_QUEUES.workflows,
    workflowId: 'inputs-pipeline-snapshot',
    args: [{ runId: 'pipe-snap', features: { snapshotDate: '2017-04-20', featureDays: 20 }, branches: ['recommendations'] }],
  });
  assert.equal(result.features.snapshotDate, '2017-04-20');
  assert.equal(await sql("SELECT min(snapshot_date), max(snapshot_date) FROM run_cleaning_report WHERE run_id = 'pipe-snap' AND stage = 'training'"), '2017-04-20\t2017-04-20');
});

test('an unknown key in a workflow input fails the run at once, naming the key and the likely intended one', async () => {
  const { failure, scheduled } = await rejected(() =>
    stack.client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-typo-logdir', args: [{ runId: 'typo', logdir: logs } as never] }),
  );
  assert.equal(failure.type, 'InvalidInput');
  assert.equal(failure.nonRetryable, true);
  assert.match(failure.message, /unknown key 'logdir' \(did you mean 'logsDir'\?\)/);
  assert.equal(scheduled, 0, 'nothing ran');

  const nested = await rejected(() =>
    stack.client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-typo-nested', args: [{ runId: 'typo', features: { snapshot: '2017-04-28' } } as never] }),
  );
  assert.match(nested.failure.message, /unknown key 'features.snapshot'/);
  assert.equal(nested.scheduled, 0);

  for (const [name, start] of [
    ['logIngest', () => stack.client.workflow.start(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-typo-ingest', args: [{ dir: logs, replace: true } as never] })],
    ['featureStage', () => stack.client.workflow.start(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'inputs-typo-stage', args: [{ params: { runId: 'typo' }, score: false } as never] })],
  ] as const) {
    const r = await rejected(start);
    assert.match(r.failure.message, new RegExp(`invalid ${name} input: unknown key`), name);
    assert.equal(r.scheduled, 0, name);
  }
});
