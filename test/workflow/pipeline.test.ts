import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { PROJECT_ROOT, temporalCliOf } from '../../temporal/binary';
import { TASK_QUEUES } from '../../messages/task-queues';
import { churnPipeline, featureStage, logIngest } from '../../workflows';
import { artifactsDir } from '../../config/settings';
import { LocalFolderStore } from '../../artifacts/store';
import { readTrainingMatrix } from '../../artifacts/training-matrix';
import { generateLogs } from '../../generator';
import { RAW_SAMPLES, tempHome } from '../support/engine';
import { stopWorker, testTemporalAddress, useWorkflowStack } from '../support/stack';

const stack = useWorkflowStack();

test('the ingest workflow loads the real samples on real workers, and the temporal CLI shows the run', async () => {
  const handle = await stack.client.workflow.start(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: 'ingest-samples', args: [{ dir: RAW_SAMPLES }] });
  const result = await handle.result();
  // The samples folder holds the three logs alone (its README lives one folder up).
  assert.deepEqual([result.files, result.loadedFiles, result.problemFiles, result.loaded, result.repaired, result.rejected, result.blank], [3, 3, 0, 2993, 7, 3, 1]);
  const shown = execFileSync(temporalCliOf(stack.settings.temporal), ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', testTemporalAddress(), '--output', 'json'], { encoding: 'utf8' });
  assert.match(shown, /ingestLogs/);
  assert.match(shown, /EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED|WorkflowExecutionCompleted/);
});

test('musicbox sql reaches the embedded engine through the worker that holds it', () => {
  const out = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', "SELECT count() FROM events WHERE event = 'D'", '--format', 'TSV'], {
    encoding: 'utf8',
    env: { ...process.env, MUSICBOX_HOME: stack.settings.home },
  });
  assert.equal(out.trim(), '996');
});

test('a window the ingested data cannot fill fails at once, naming the missing dates, without retries', async () => {
  // The samples hold one day, 2017-03-30. As of that day the snapshot is 03-30 - 14 = 03-16 and the
  // feature window starts 03-16 - 29 = 02-15: every day from 02-15 to 03-29 is missing.
  const handle = await stack.client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'churn-pipeline-bad-window', args: [{ runId: 'bad-window', asOf: 'latest' }] });
  await assert.rejects(handle.result(), (err: unknown) => {
    assert.ok(err instanceof WorkflowFailedError && err.cause instanceof ActivityFailure && err.cause.cause instanceof ApplicationFailure);
    assert.equal(err.cause.cause.type, 'IncompleteWindow');
    assert.match(err.cause.cause.message, /as of 2017-03-30 .*needs dates the ingested data does not hold: 2017-02-15\.\.2017-03-29 \(43 days\);/);
    return true;
  });
  const events = (await handle.fetchHistory()).events ?? [];
  assert.equal(events.filter((e) => e.activityTaskStartedEventAttributes?.attempt && e.activityTaskStartedEventAttributes.attempt > 1).length, 0);
  // Nothing was built: the only activity is the one that checked the window.
  assert.deepEqual(events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []), ['resolveRunWindow']);
});

test('the pipeline ingests generated logs, builds features and exports them for the training queue', async () => {
  const logs = tempHome('musicbox-pipeline-logs-');
  await generateLogs({ outDir: logs, users: 600, days: 44, seed: 3 });
  const result = await stack.client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'churn-pipeline-generated', args: [{ runId: 'generated', asOf: 'latest', logsDir: logs, features: { minRatedSongs: 6 }, churn: { grid: [{ nTrees: 10, maxDepth: 6, minSamplesLeaf: 5, maxFeatures: 'sqrt' }, { nTrees: 10, maxDepth: 3, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], folds: 3 } }] });
  const f = result.features;
  assert.equal(f.snapshotDate, '2017-04-28');
  assert.equal(f.scoringSnapshotDate, '2017-05-12');
  assert.equal(f.featureRows, f.labelled);
  assert.ok(f.churned > 0 && f.churned < f.labelled);
  // The export the training queue reads holds exactly the labelled users, with 31 features each.
  const matrix = await readTrainingMatrix(new LocalFolderStore(artifactsDir(stack.settings)), result.artifacts.trainingMatrix);
  assert.equal(matrix.uids.length, f.labelled);
  assert.equal(matrix.names.length, 31);
  assert.equal(matrix.labels.reduce((s, v) => s + v, 0), f.churned);
  assert.ok(fs.statSync(path.join(artifactsDir(stack.settings), result.artifacts.ratings)).size > 0);
  // The scoring snapshot, built beside training, is exported with one row per scored user.
  assert.ok(result.artifacts.scoringMatrix);
  assert.equal((await readTrainingMatrix(new LocalFolderStore(artifactsDir(stack.settings)), result.artifacts.scoringMatrix)).uids.length, f.scoringRows);

  // Churn: the seed's three models plus the tuned forest; the best is the one with the highest test AUC.
  const c = result.churn;
  assert.ok(c, 'the churn branch ran');
  assert.deepEqual(c.models.map((m) => m.name), ['logistic_regression', 'random_forest', 'gradient_boosting', 'random_forest_tuned']);
  assert.equal(c.best, c.models.reduce((a, b) => (b.testAuc > a.testAuc ? b : a)).name);
  assert.ok(c.models.every((m) => m.testAuc > 0.6), 'the generated churn is learnable');
  assert.equal(c.grid?.cells, 2);
  // The two cells differ only in depth: one shared forest per fold serves both, ahead of default-priority work; no rating-error refit.
  const scheduled = ((await stack.client.workflow.getHandle('churn-pipeline-generated').fetchHistory()).events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes ?? []);
  const ofType = (name: string) => scheduled.filter((a) => a.activityType?.name === name);
  assert.equal(ofType('runChurnGridForest').length, 3);
  assert.deepEqual(ofType('runChurnGridForest').map((a) => a.priority?.priorityKey), [2, 2, 2]);
  assert.equal(ofType('runChurnGridUnit').length + ofType('evaluateRatingError').length, 0);
  assert.equal(scheduled.find((a) => a.activityType?.name === 'fitRecommender' && a.priority?.priorityKey === 1) !== undefined, true);
  assert.equal(c.scored, f.scoringRows);
  assert.equal(c.topFeatures.length, 10);
  const published = execFileSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', "SELECT count(), min(rank), max(rank), countIf(probability < 0 OR probability > 1), uniqExact(uid) FROM churn_scores WHERE run_id = 'generated'", '--format', 'TSV'],
    { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } },
  );
  assert.deepEqual(published.trim().split('\t').map(Number), [c.scored, 1, c.scored, 0, c.scored]);

  // Recommendations: four models and the blend judged; every labelled user gets a list.
  const r = result.recommendations;
  assert.ok(r, 'the recommendation branch ran');
  assert.deepEqual(r.models.map((m) => m.name), ['popularity', 'item_item', 'nmf', 'svd', 'blend']);
  assert.equal(r.users, f.labelled);
  assert.ok(r.coldStartUsers > 0 && r.coldStartUsers < r.users);
  // The recommenders' utility matrix is the one the feature stage counted (users with ≥ 6 rated songs here).
  assert.equal(r.coldStartUsers, f.labelled - f.matrixUsers);
  // The generated users have tastes: collaborative filtering must beat plain popularity on new plays.
  const ndcg = Object.fromEntries(r.models.map((m) => [m.name, m.ranking.ndcg ?? 0]));
  assert.ok(ndcg.nmf > ndcg.popularity && ndcg.svd > ndcg.popularity && ndcg.blend > ndcg.popularity, JSON.stringify(ndcg));
  const sql = (q: string) =>
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', q, '--format', 'TSV'], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } }).trim();
  assert.equal(sql("SELECT uniqExact(uid), max(rank) <= 10, count() FROM recommendations WHERE run_id = 'generated'"), `${r.users}\t1\t${r.rows}`);
  // No user is recommended a song they already rated.
  assert.equal(sql("SELECT count() FROM recommendations AS r INNER JOIN run_ratings AS x ON r.uid = x.uid AND r.song_id = x.song_id WHERE r.run_id = 'generated' AND x.run_id = 'generated'"), '0');
  const uid = sql("SELECT uid FROM recommendations WHERE run_id = 'generated' AND has(models, 'nmf') LIMIT 1");
  const shown = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'recommend', '--uid', uid], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } });
  assert.match(shown, /generated/);
  assert.match(shown, /nmf/);
  const byRun = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'recommend', '--uid', uid, '--run-id', 'generated'], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } });
  assert.equal(byRun, shown);
  // The older spelling --run still works.
  const none = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'recommend', '--uid', '1', '--run', 'generated'], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } });
  assert.match(none, /no recommendations for user 1 in run generated/);
});

// On the logs the previous test ingested.
test('a run limited to one branch trains and publishes only that branch', async () => {
  const result = await stack.client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'churn-pipeline-recs-only', args: [{ runId: 'recs-only', asOf: 'latest', branches: ['recommendations'] }] });
  assert.equal(result.churn, undefined);
  assert.ok(result.recommendations && result.recommendations.rows > 0);
  const count = (table: string) =>
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', `SELECT count() FROM ${table} WHERE run_id = 'recs-only'`, '--format', 'TSV'], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } }).trim();
  assert.equal(count('churn_scores'), '0');
  assert.equal(count('recommendations'), String(result.recommendations.rows));
});

// On the logs the first pipeline test ingested.
test('the feature stage alone builds its tables and exports, the scoring snapshot beside the exports', async () => {
  const handle = await stack.client.workflow.start(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'feature-stage-only', args: [{ params: { runId: 'stage-only' } }] });
  const { features, artifacts } = await handle.result();
  const sql = (q: string) =>
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', q, '--format', 'TSV'], { encoding: 'utf8', env: { ...process.env, MUSICBOX_HOME: stack.settings.home } }).trim();
  assert.equal(features.scoringSnapshotDate, '2017-05-12');
  assert.equal(String(features.scoringRows), sql("SELECT count() FROM run_scoring_features WHERE run_id = 'stage-only'"));
  assert.equal(String(features.featureRows), sql("SELECT count() FROM run_features WHERE run_id = 'stage-only'"));
  assert.ok(artifacts.scoringMatrix);
  assert.equal((await readTrainingMatrix(new LocalFolderStore(artifactsDir(stack.settings)), artifacts.scoringMatrix)).uids.length, features.scoringRows);
  assert.equal((await readTrainingMatrix(new LocalFolderStore(artifactsDir(stack.settings)), artifacts.trainingMatrix)).uids.length, features.labelled);
  // Events in history order: the snapshot is scheduled before the exports complete, i.e. beside them.
  const events = (await handle.fetchHistory()).events ?? [];
  const typeOf = new Map(events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [[String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name]] : [])));
  const steps = events.flatMap((e) => {
    if (e.activityTaskScheduledEventAttributes) return [`scheduled ${e.activityTaskScheduledEventAttributes.activityType?.name}`];
    if (e.activityTaskCompletedEventAttributes) return [`completed ${typeOf.get(String(e.activityTaskCompletedEventAttributes.scheduledEventId))}`];
    return [];
  });
  assert.deepEqual(steps.slice(0, 4), ['scheduled buildRunFeatures', 'completed buildRunFeatures', 'scheduled exportRunData', 'scheduled buildScoringSnapshot']);
  assert.deepEqual(steps.slice(4).sort(), ['completed buildScoringSnapshot', 'completed exportRunData']);
});

test('a worker stops gracefully on SIGTERM', async () => {
  assert.equal(await stopWorker(stack.workers[1], 'SIGTERM'), 0);
});
