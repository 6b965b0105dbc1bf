import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

const HISTORIES = path.resolve(__dirname, '../histories');
const histories = fs
  .readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, history: JSON.parse(fs.readFileSync(path.join(HISTORIES, f), 'utf8')) as unknown }));

test('histories of real runs are committed for every workflow', () => {
  assert.deepEqual(histories.map((h) => h.file).sort(), [
    'churn-pipeline-before-as-of.json',
    'churn-pipeline-before-report-step.json',
    'churn-pipeline-before-scoring-activity.json',
    'churn-pipeline-before-shared-grid.json',
    'churn-pipeline.json',
    'feature-stage-before-scoring-activity.json',
    'feature-stage.json',
    'log-ingest.json',
    'musicbox-service-continued.json',
    'musicbox-service.json',
    'scheduled-retrain.json',
    'score-current-users.json',
  ]);
});

/** Activity types a history scheduled, in order. */
function scheduledActivities(history: unknown): string[] {
  const events = (history as { events: { activityTaskScheduledEventAttributes?: { activityType?: { name?: string } } }[] }).events;
  return events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

test('both workflows that build features keep a history from before the scoring snapshot had its own activity, and one after', () => {
  const activities = (file: string) => scheduledActivities(histories.find((h) => h.file === file)!.history);
  for (const workflow of ['churn-pipeline', 'feature-stage']) {
    const before = activities(`${workflow}-before-scoring-activity.json`);
    const after = activities(`${workflow}.json`);
    assert.ok(before.includes('exportRunData') && !before.includes('buildScoringSnapshot'), workflow);
    // In the newer run the snapshot is scheduled right after the exports, before any model is trained.
    assert.equal(after[after.indexOf('exportRunData') + 1], 'buildScoringSnapshot', workflow);
  }
});

test('the pipeline keeps a history from before it wrote a report, and one whose last step writes it', () => {
  const activities = (file: string) => scheduledActivities(histories.find((h) => h.file === file)!.history);
  assert.ok(!activities('churn-pipeline-before-report-step.json').includes('writeRunReport'));
  assert.equal(activities('churn-pipeline.json').at(-1), 'writeRunReport');
});

test('the pipeline keeps a history from before the grid shared its forests and the rating-error refit was dropped, and one after', () => {
  const activities = (file: string) => scheduledActivities(histories.find((h) => h.file === file)!.history);
  const before = activities('churn-pipeline-before-shared-grid.json');
  const after = activities('churn-pipeline.json');
  assert.ok(before.includes('runChurnGridUnit') && before.includes('evaluateRatingError') && !before.includes('runChurnGridForest'));
  // Two cells that differ only in trees and depth, two folds: one shared forest per fold.
  assert.equal(after.filter((a) => a === 'runChurnGridForest').length, 2);
  assert.ok(!after.includes('runChurnGridUnit') && !after.includes('evaluateRatingError'));
});

test('the pipeline keeps a history from before runs were placed by their as-of date, and one after', () => {
  const activities = (file: string) => scheduledActivities(histories.find((h) => h.file === file)!.history);
  assert.ok(!activities('churn-pipeline-before-as-of.json').includes('resolveRunWindow'));
  // Now the window is checked right after the ingest, before any feature is built.
  assert.deepEqual(activities('churn-pipeline.json').slice(0, 3), ['ingestLogs', 'resolveRunWindow', 'buildRunFeatures']);
});

test('the current workflow code replays every recorded history', async () => {
  const results = Worker.runReplayHistories(
    { workflowsPath: require.resolve('../../workflows') },
    histories.map((h) => ({ workflowId: h.file, history: h.history as never })),
  );
  let replayed = 0;
  for await (const r of results) {
    assert.equal(r.error, undefined, `${r.workflowId}: ${String(r.error)}`);
    replayed++;
  }
  assert.equal(replayed, histories.length);
});

test('an incompatible change to churnPipeline fails replay with a determinism violation', async () => {
  const pipeline = histories.find((h) => h.file === 'churn-pipeline.json')!;
  await assert.rejects(
    Worker.runReplayHistory({ workflowsPath: require.resolve('./incompatible/workflows') }, pipeline.history),
    (err: unknown) => err instanceof DeterminismViolationError,
  );
});

/** Event kinds of a history, e.g. 'workflowExecutionContinuedAsNew', from its attribute fields. */
function eventKinds(history: unknown): string[] {
  const events = (history as { events: Record<string, unknown>[] }).events;
  return events.flatMap((e) => Object.keys(e).filter((k) => k.endsWith('EventAttributes')).map((k) => k.replace(/EventAttributes$/, '')));
}

test('the service histories hold a retrain with its guard, people\'s updates, a schedule\'s signal, and continue-as-new', () => {
  const service = histories.find((h) => h.file === 'musicbox-service.json')!.history;
  const kinds = eventKinds(service);
  assert.ok(kinds.includes('startChildWorkflowExecutionInitiated'));
  assert.ok(kinds.includes('workflowExecutionUpdateCompleted') && kinds.includes('workflowExecutionSignaled'));
  assert.ok(scheduledActivities(service).includes('compareChurnModels') && scheduledActivities(service).includes('compareRecommendations'));
  const continued = histories.find((h) => h.file === 'musicbox-service-continued.json')!.history;
  assert.ok(eventKinds(continued).includes('startChildWorkflowExecutionInitiated'));
  assert.equal(eventKinds(continued).at(-1), 'workflowExecutionContinuedAsNew');
  assert.deepEqual(scheduledActivities(histories.find((h) => h.file === 'scheduled-retrain.json')!.history), ['signalWithStartService']);
  assert.ok(!scheduledActivities(histories.find((h) => h.file === 'score-current-users.json')!.history).some((a) => /train|fit|Grid/.test(a)));
});

test('an incompatible change to musicboxService fails replay with a determinism violation', async () => {
  const service = histories.find((h) => h.file === 'musicbox-service.json')!;
  await assert.rejects(
    Worker.runReplayHistory({ workflowsPath: require.resolve('./incompatible/workflows') }, service.history),
    (err: unknown) => err instanceof DeterminismViolationError,
  );
});
