/**
 * The workflows' orchestration alone: churnPipeline, featureStage and logIngest on a real Temporal
 * dev server (the project's own binary, never a download), with small stand-in activities written
 * here in place of ClickHouse and training. Each stand-in records what it was asked and answers
 * with numbers chosen by hand, so the tests check what the workflow code decides: which activities
 * run, in which order, with what input, which result wins, and how failures end a run.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { WorkflowFailedError, type Workflow, type WorkflowResultType, type WorkflowStartOptions } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { resolveSettings } from '../../config/settings';
import { SEED_MODELS, type GridCell } from '../../messages/churn';
import { SEARCH_ATTRIBUTES } from '../../messages/search-attributes';
import { TASK_QUEUES } from '../../messages/task-queues';
import { temporalCliOf } from '../../temporal/binary';
import { churnPipeline, featureStage, logIngest } from '../../workflows';

type Call = { name: string; input: Record<string, unknown> };
type StandIn = (input: Record<string, unknown>, attempt: number) => unknown;

let env: TestWorkflowEnvironment;
let workers: Worker[] = [];
let running: Promise<unknown>;
let calls: Call[] = [];
/** Per test: stand-ins replaced, e.g. by one that fails. */
let replaced: Record<string, StandIn> = {};
const attempts = new Map<string, number>();
let nextId = 0;

const report = (auc: number) => ({ auc, accuracy: 0, precision: 0, recall: 0, f1: auc / 2, logLoss: 0, positives: 0, rows: 0 });
/** Test AUC of each churn model, by hand: the tuned forest is best. */
const TEST_AUC: Record<string, number> = { logistic_regression: 0.7, random_forest: 0.8, gradient_boosting: 0.75, random_forest_tuned: 0.85 };
const GRID: GridCell[] = [
  { nTrees: 5, maxDepth: 3, minSamplesLeaf: 2, maxFeatures: 'sqrt' },
  { nTrees: 9, maxDepth: 4, minSamplesLeaf: 1, maxFeatures: 'all' },
];
const ranking = { users: 1, precision: 0, recall: 0, ndcg: 0, hitRate: 0, coverage: 0 };
const ingestResult = { files: 3, loadedFiles: 3, unchangedFiles: 0, problemFiles: 0, lines: 30, loaded: 28, repaired: 1, rejected: 1, blank: 0, outcomes: [], outcomesTruncated: false };

const standIns: Record<string, StandIn> = {
  ingestLogs: () => ingestResult,
  // Dates by hand: whatever the as-of date asked, the window this answers is the one the run must build.
  resolveRunWindow: (i) => ({ asOf: i.asOf === 'latest' ? '2017-05-12' : i.asOf, snapshotDate: '2017-04-20', featureStart: '2017-03-22', labelEnd: '2017-05-04' }),
  buildRunFeatures: (i) => {
    const runId = (i.params as { runId: string }).runId;
    return { runId, snapshotDate: '2017-04-28', labelled: 10, churned: 4, featureRows: 10, ratingRows: 50, matrixUsers: 8, cleaning: {}, stepMs: { labels: 1 } };
  },
  exportRunData: (i) => ({ trainingMatrix: `${String(i.runId)}/training.arrows`, ratings: `${String(i.runId)}/ratings.arrows`, labelPlays: `${String(i.runId)}/label-plays.arrows`, bytes: 100, ...(i.scoring === false ? {} : { scoringMatrix: `${String(i.runId)}/exported-scoring.arrows` }) }),
  buildScoringSnapshot: (i) => {
    const runId = (i.params as { runId: string }).runId;
    return { runId, snapshotDate: '2017-05-12', rows: 12, bots: 1, members: 12, scoringMatrix: `${runId}/scoring.arrows`, bytes: 20, stepMs: { scoring: 3, export: 2 } };
  },
  trainChurnModel: (i) => ({
    name: i.name,
    kind: i.kind,
    params: i.params,
    train: report(0.9),
    test: report(TEST_AUC[String(i.name)]),
    roc: { fpr: [], tpr: [] },
    importance: [],
    permutation: [{ name: `top feature of ${String(i.name)}`, importance: 1, direction: 1 }],
    artifact: `${String(i.runId)}/models/${String(i.name)}.json`,
    seconds: 1,
  }),
  runChurnGridUnit: (i) => ({ cellIndex: i.cellIndex, fold: i.fold, auc: 0.5 }),
  runChurnGridForest: (i) => ({ fold: i.fold, scores: (i.cells as { cellIndex: number }[]).map((c) => ({ cellIndex: c.cellIndex, auc: 0.5 })) }),
  // The second cell is the best, whatever the units said: the workflow must train what this returns.
  summariseChurnGrid: () => ({ cells: [], best: { ...GRID[1], meanAuc: 0.9, stdAuc: 0.01 } }),
  scoreUsers: (i) => ({ users: 12, scores: `${String(i.runId)}/churn-scores.tsv`, meanProbability: 0.3, atRisk: 5 }),
  publishChurnScores: () => ({ table: 'churn_scores', rows: 12, registryTable: 'model_registry' }),
  fitRecommender: (i) => ({ kind: i.kind, candidates: `${String(i.runId)}/recommenders/${String(i.kind)}`, users: 8, songs: 30, ranking, fitSeconds: 1, scoreSeconds: 0 }),
  evaluateRatingError: () => ({ heldOut: 10, nmf: { rmse: 1, mae: 1 }, svd: { rmse: 1, mae: 1 } }),
  blendRecommendations: (i) => ({ recommendations: `${String(i.runId)}/recommendations.tsv`, users: 8, coldStartUsers: 2, ranking, overlap: [] }),
  publishRecommendations: () => ({ table: 'recommendations', rows: 80 }),
  writeRunReport: (i) => ({ report: `${String(i.runId)}/report.html`, path: `/artifacts/${String(i.runId)}/report.html`, charts: 3 }),
};

/** Activities that record each call and answer with the test's replacement or the stand-in. */
function recorded(names: string[]): Record<string, (input: Record<string, unknown>) => Promise<unknown>> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      async (input: Record<string, unknown>) => {
        const key = `${name}:${JSON.stringify(input)}`;
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        calls.push({ name, input });
        return (replaced[name] ?? standIns[name])(input, attempt);
      },
    ]),
  );
}

const SQL = ['ingestLogs', 'resolveRunWindow', 'buildRunFeatures', 'exportRunData', 'buildScoringSnapshot', 'publishChurnScores', 'publishRecommendations', 'writeRunReport'];
const TRAINING = ['trainChurnModel', 'runChurnGridUnit', 'runChurnGridForest', 'summariseChurnGrid', 'scoreUsers', 'fitRecommender', 'evaluateRatingError', 'blendRecommendations'];

before(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliOf(resolveSettings().temporal) }, searchAttributes: Object.values(SEARCH_ATTRIBUTES) },
  });
  const workflowBundle: WorkflowBundleWithSourceMap = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } });
  const connection = env.nativeConnection;
  workers = await Promise.all([
    Worker.create({ connection, taskQueue: TASK_QUEUES.workflows, workflowBundle }),
    Worker.create({ connection, taskQueue: TASK_QUEUES.sql, activities: recorded(SQL) }),
    Worker.create({ connection, taskQueue: TASK_QUEUES.training, activities: recorded(TRAINING) }),
  ]);
  running = Promise.all(workers.map((w) => w.run()));
});

after(async () => {
  for (const w of workers) w.shutdown();
  await running;
  await env?.teardown();
});

beforeEach(() => {
  calls = [];
  replaced = {};
  attempts.clear();
});

const names = () => calls.map((c) => c.name);
const callsOf = (name: string) => calls.filter((c) => c.name === name);
const start = <W extends Workflow>(workflow: W, input: Parameters<W>[0]): Promise<WorkflowResultType<W>> =>
  // TypeScript cannot resolve the SDK's conditional `args` type for a generic W: widen, then narrow.
  env.client.workflow.execute(workflow, { taskQueue: TASK_QUEUES.workflows, workflowId: `orchestration-${nextId++}`, args: [input] } as unknown as WorkflowStartOptions<W>);
/** The failure of an activity that ended a workflow, or of the workflow itself. */
async function failureOf(run: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await run.then(() => assert.fail('the workflow should fail'), (e: unknown) => e);
  assert.ok(err instanceof WorkflowFailedError, String(err));
  const cause = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
  assert.ok(cause instanceof ApplicationFailure, String(cause));
  return cause;
}

test('a whole run: ingest, features, exports, scoring snapshot, both branches; the best model by test AUC scores the snapshot', async () => {
  const result = await start(churnPipeline, { runId: 'full', asOf: 'latest', logsDir: '/logs', features: { minRatedSongs: 7 }, churn: { grid: GRID, folds: 3 } });

  const order = names();
  // The window is placed after the ingest (it reads the ingested dates) and before anything is built.
  assert.deepEqual(order.slice(0, 4), ['ingestLogs', 'resolveRunWindow', 'buildRunFeatures', 'exportRunData']);
  assert.deepEqual(callsOf('ingestLogs')[0].input, { dir: '/logs' });
  assert.deepEqual(callsOf('resolveRunWindow')[0].input, { asOf: 'latest', featureDays: 30, labelDays: 14 });
  // The features are built at the snapshot the window answered, and the result says where the run sits.
  assert.equal((callsOf('buildRunFeatures')[0].input.params as { snapshotDate: string }).snapshotDate, '2017-04-20');
  assert.deepEqual(result.window, { asOf: '2017-05-12', snapshotDate: '2017-04-20', featureStart: '2017-03-22', labelEnd: '2017-05-04' });
  // The tables are built without the scoring snapshot, which is its own activity beside training.
  assert.equal(callsOf('buildRunFeatures')[0].input.scoring, false);
  assert.equal(callsOf('exportRunData')[0].input.scoring, false);
  assert.equal(callsOf('buildScoringSnapshot').length, 1);

  // Churn: the three seed models, one shared forest per (cell group, fold), the grid's best cell trained as the tuned forest.
  assert.deepEqual(callsOf('trainChurnModel').map((c) => c.input.name).sort(), [...SEED_MODELS.map((m) => m.name), 'random_forest_tuned'].sort());
  // The two cells differ in min leaf and features, so they cannot share a forest: one forest per cell and fold.
  const forests = callsOf('runChurnGridForest').map((c) => `${(c.input.cells as { cellIndex: number }[]).map((x) => x.cellIndex).join()}/${String(c.input.fold)}`);
  assert.deepEqual(forests.sort(), ['0/0', '0/1', '0/2', '1/0', '1/1', '1/2']);
  assert.equal(callsOf('runChurnGridUnit').length, 0);
  // Every (cell, fold) AUC reaches the summary.
  const summarised = (callsOf('summariseChurnGrid')[0].input.results as { cellIndex: number; fold: number }[]).map((r) => `${r.cellIndex}/${r.fold}`).sort();
  assert.deepEqual(summarised, ['0/0', '0/1', '0/2', '1/0', '1/1', '1/2']);
  assert.deepEqual(callsOf('trainChurnModel').find((c) => c.input.name === 'random_forest_tuned')!.input.params, GRID[1]);
  assert.ok(order.indexOf('summariseChurnGrid') > order.lastIndexOf('runChurnGridForest'));
  const [score] = callsOf('scoreUsers');
  assert.equal(score.input.model, 'full/models/random_forest_tuned.json');
  assert.equal(score.input.scoringMatrix, 'full/scoring.arrows');
  assert.equal((callsOf('publishChurnScores')[0].input.best as { name: string }).name, 'random_forest_tuned');
  assert.ok(order.indexOf('publishChurnScores') > order.indexOf('scoreUsers'));

  // Recommendations: four recommenders (no rating-error refit), then the blend of their four lists, then publishing.
  assert.deepEqual(callsOf('fitRecommender').map((c) => c.input.kind).sort(), ['item_item', 'nmf', 'popularity', 'svd']);
  assert.equal(callsOf('evaluateRatingError').length, 0);
  for (const c of callsOf('fitRecommender')) assert.equal((c.input.options as { minRatedSongs: number }).minRatedSongs, 7);
  assert.deepEqual(callsOf('blendRecommendations')[0].input.candidates, { popularity: 'full/recommenders/popularity', item_item: 'full/recommenders/item_item', nmf: 'full/recommenders/nmf', svd: 'full/recommenders/svd' });
  assert.ok(order.indexOf('blendRecommendations') > order.lastIndexOf('fitRecommender'));
  assert.ok(order.indexOf('publishRecommendations') > order.indexOf('blendRecommendations'));

  // The report is written last, from the run's summary.
  assert.equal(order.at(-1), 'writeRunReport');
  assert.equal((callsOf('writeRunReport')[0].input.result as { churn: { best: string } }).churn.best, 'random_forest_tuned');

  // The summary folds the snapshot in and reports what the activities said.
  assert.equal(result.features.scoringRows, 12);
  assert.equal(result.features.scoringSnapshotDate, '2017-05-12');
  assert.equal(result.artifacts.scoringMatrix, 'full/scoring.arrows');
  assert.equal(result.artifacts.bytes, 120);
  assert.deepEqual(result.ingest, { files: 3, loaded: 28, repaired: 1, rejected: 1, skipped: 0 });
  assert.equal(result.churn?.best, 'random_forest_tuned');
  assert.deepEqual(result.churn?.grid, { cells: 2, folds: 3, best: { ...GRID[1], meanAuc: 0.9, stdAuc: 0.01 } });
  assert.equal(result.churn?.atRisk, 5);
  assert.equal(result.recommendations?.rows, 80);
  assert.equal(result.report?.report, 'full/report.html');
});

test('without a logs folder nothing is ingested; grid "none" trains the three seed models only', async () => {
  const result = await start(churnPipeline, { runId: 'no-logs', churn: { grid: 'none' } });
  assert.equal(callsOf('ingestLogs').length, 0);
  assert.equal(result.ingest, undefined);
  assert.equal(callsOf('runChurnGridForest').length, 0);
  assert.equal(callsOf('summariseChurnGrid').length, 0);
  assert.deepEqual(callsOf('trainChurnModel').map((c) => c.input.name).sort(), SEED_MODELS.map((m) => m.name).sort());
  assert.equal(result.churn?.best, 'random_forest');
});

test('--only recommendations runs no churn activity; --only churn no recommender', async () => {
  const recs = await start(churnPipeline, { runId: 'only-recs', branches: ['recommendations'] });
  assert.deepEqual(names().filter((n) => ['trainChurnModel', 'runChurnGridForest', 'scoreUsers', 'publishChurnScores'].includes(n)), []);
  assert.equal(recs.churn, undefined);
  assert.equal(recs.recommendations?.rows, 80);

  calls = [];
  const churn = await start(churnPipeline, { runId: 'only-churn', branches: ['churn'], churn: { grid: 'none' } });
  assert.deepEqual(names().filter((n) => ['fitRecommender', 'evaluateRatingError', 'blendRecommendations', 'publishRecommendations'].includes(n)), []);
  assert.equal(churn.recommendations, undefined);
  assert.equal(churn.churn?.scored, 12);
});

test('a failure of a non-retryable type stops the run after one attempt, before any later step', async () => {
  // Thrown as an ordinary (retryable) failure: the workflows' retry policy must know the type.
  replaced.buildRunFeatures = () => {
    throw ApplicationFailure.create({ type: 'IncompleteWindow', message: 'the label window ends after the last ingested date' });
  };
  const failure = await failureOf(start(churnPipeline, { runId: 'bad-window' }));
  assert.equal(failure.type, 'IncompleteWindow');
  assert.deepEqual(names(), ['resolveRunWindow', 'buildRunFeatures']);
});

test('a run without a run id is named after its as-of date; search attributes say run id, as-of date and kind', async () => {
  const handle = await env.client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: `orchestration-${nextId++}`, args: [{ asOf: '2017-05-11', branches: ['recommendations'] }] });
  const result = await handle.result();
  assert.equal(result.runId, 'run-2017-05-11');
  assert.equal(callsOf('exportRunData')[0].input.runId, 'run-2017-05-11');
  const attrs = (await handle.describe()).typedSearchAttributes;
  assert.deepEqual([attrs.get(SEARCH_ATTRIBUTES.runId), attrs.get(SEARCH_ATTRIBUTES.asOf)?.toISOString(), attrs.get(SEARCH_ATTRIBUTES.kind)], ['run-2017-05-11', '2017-05-11T00:00:00.000Z', 'retrain']);
});

test('a transient failure is retried and the run completes', async () => {
  replaced.exportRunData = (input, attempt) => {
    if (attempt === 1) throw new Error('connection reset');
    return standIns.exportRunData(input, attempt);
  };
  const result = await start(churnPipeline, { runId: 'transient', branches: ['recommendations'] });
  assert.equal(callsOf('exportRunData').length, 2);
  assert.equal(result.recommendations?.rows, 80);
});

test('a failed branch fails the run, and what depends on it never runs', async () => {
  replaced.fitRecommender = (input, attempt) => {
    if (input.kind === 'nmf') throw ApplicationFailure.nonRetryable('the ratings matrix is empty', 'InvalidInput');
    return standIns.fitRecommender(input, attempt);
  };
  const failure = await failureOf(start(churnPipeline, { runId: 'failed-branch', churn: { grid: 'none' } }));
  assert.equal(failure.type, 'InvalidInput');
  assert.match(failure.message, /ratings matrix is empty/);
  assert.equal(callsOf('fitRecommender').filter((c) => c.input.kind === 'nmf').length, 1);
  assert.equal(callsOf('blendRecommendations').length, 0);
  assert.equal(callsOf('publishRecommendations').length, 0);
});

test('an input the workflow cannot parse fails before any activity', async () => {
  const failure = await failureOf(start(churnPipeline, { runId: 'Not A Run Id' }));
  assert.equal(failure.type, 'InvalidInput');
  assert.equal(failure.nonRetryable, true);
  assert.deepEqual(names(), []);
});

test('the feature stage builds the tables, then exports beside the scoring snapshot; without scoring, no snapshot', async () => {
  const both = await start(featureStage, { params: { runId: 'stage' } });
  assert.equal(names()[0], 'buildRunFeatures');
  assert.deepEqual(names().slice(1).sort(), ['buildScoringSnapshot', 'exportRunData']);
  assert.equal(callsOf('buildRunFeatures')[0].input.scoring, false);
  assert.equal(both.features.scoringRows, 12);
  assert.equal(both.features.stepMs.scoring, 3);
  assert.equal(both.artifacts.scoringMatrix, 'stage/scoring.arrows');
  assert.equal(both.artifacts.bytes, 120);

  calls = [];
  const tablesOnly = await start(featureStage, { params: { runId: 'stage-no-scoring' }, scoring: false });
  assert.deepEqual(names(), ['buildRunFeatures', 'exportRunData']);
  assert.equal(callsOf('exportRunData')[0].input.scoring, false);
  assert.equal(tablesOnly.artifacts.scoringMatrix, undefined);
});

test('log ingest hands the folder to one activity and returns its result; a failure there fails the ingest', async () => {
  assert.deepEqual(await start(logIngest, { dir: '/logs' }), ingestResult);
  assert.equal((callsOf('ingestLogs')[0].input as { dir: string }).dir, '/logs');

  calls = [];
  replaced.ingestLogs = () => {
    throw ApplicationFailure.nonRetryable('no such folder: /missing', 'InvalidLogFolder');
  };
  const failure = await failureOf(start(logIngest, { dir: '/missing' }));
  assert.equal(failure.type, 'InvalidLogFolder');
  assert.equal(callsOf('ingestLogs').length, 1);
});
