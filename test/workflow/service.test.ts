import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WorkflowFailedError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { loadChurnModel } from '../../activities/training/churn-models';
import { labelPlaysByUser, labelPlaysOf } from '../../artifacts/label-plays';
import { trainingMatrixOf } from '../../artifacts/training-matrix';
import { describeError } from '../../cli/describe-error';
import { queryEngine } from '../../cli/query';
import { artifactsDir, type Settings } from '../../config/settings';
import { generateLogs } from '../../generator';
import { stratifiedTrainTestSplit, takeLabels, takeRows } from '../../learn';
import type { ChurnModelKind } from '../../messages/churn';
import type { PipelineResult } from '../../messages/pipeline';
import type { ChampionDecision, RetrainRequest, ServiceStatus } from '../../messages/service';
import { TASK_QUEUES } from '../../messages/task-queues';
import { musicboxService, scheduledRetrain, scoreCurrentUsers } from '../../workflows';
import { promoteUpdate, retrainSignal, retrainUpdate, rollbackUpdate, statusQuery } from '../../workflows/service-messages';
import { temporalCliOf } from '../../temporal/binary';
import { tempHome } from '../support/engine';
import { startWorker, stopWorker, testClient, testSettings, testTemporalAddress } from '../support/stack';

/*
 * The service end to end on real workers and generated logs, one scenario in order: no champion,
 * a weak first champion, a strong challenger (promoted), a weak one (kept out), promote and
 * rollback, a score-only run, continue-as-new, and a worker killed in the middle of a retrain.
 * Weak runs are weak by their parameters: churn models trained on 10 % of the users, and
 * recommendations from popularity alone.
 */

let settings: Settings;
let sqlWorker: ChildProcess;
let trainingWorker: ChildProcess;
let client: Client;
let logs: string;
const SERVICE_ID = `musicbox-service-test-${Date.now()}`;
let serviceHandle: WorkflowHandle<typeof musicboxService>;

const FAST = { churn: { grid: 'none' as const } };
const WEAK: RetrainRequest = {
  churn: { grid: 'none', testFraction: 0.9 },
  recommendations: { weights: { popularity: 1, itemItem: 0, matrixFactorisation: 0 } },
};

before(async () => {
  settings = testSettings();
  [sqlWorker, trainingWorker] = [await startWorker(settings, 'sql'), await startWorker(settings, 'training')];
  client = await testClient();
  logs = tempHome('musicbox-service-logs-');
  await generateLogs({ outDir: logs, users: 600, days: 44, seed: 3 });
});
after(async () => {
  await serviceHandle?.terminate('test over').catch(() => undefined);
  await client.connection.close();
  await stopWorker(sqlWorker);
  await stopWorker(trainingWorker);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sql = async (query: string) => (await queryEngine(settings, query, 'TSV')).trim();
const status = () => serviceHandle.query(statusQuery);
/** The `temporal` CLI as README's "For Temporal users" section uses it, on the suite's server. */
const temporalCli = (...args: string[]) => spawnSync(temporalCliOf(settings.temporal), [...args, '--address', testTemporalAddress()], { encoding: 'utf8' });

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, seconds = 600): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The decisions of one run, once the guard has taken them. */
async function decisionsOf(runId: string): Promise<ChampionDecision[]> {
  return waitFor(`the guard's decisions on ${runId}`, async () => {
    const d = (await status()).decisions.filter((x) => x.runId === runId);
    return d.length > 0 ? d : undefined;
  });
}

async function servedRuns(): Promise<{ churn: string; recommendations: string }> {
  return { churn: await sql('SELECT DISTINCT run_id FROM latest_churn_scores'), recommendations: await sql('SELECT DISTINCT run_id FROM latest_recommendations') };
}

/** AUC as the share of (churner, stayer) pairs ranked the right way, ties counting half: no sorting, no shared code. */
function pairwiseAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let right = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      right += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return right / pairs;
}

/** A saved model scored on a run's test split, the split recomputed from the run's seed and test fraction. */
function aucOnTestSplit(modelKey: string, kind: ChurnModelKind, matrixKey: string, testFraction: number): { auc: number; rows: number } {
  const saved = JSON.parse(fs.readFileSync(path.join(artifactsDir(settings), modelKey), 'utf8')) as { model: unknown };
  const m = trainingMatrixOf(fs.readFileSync(path.join(artifactsDir(settings), matrixKey)), matrixKey);
  const { test } = stratifiedTrainTestSplit(m.labels, { testFraction, seed: 42 });
  const x = takeRows({ nRows: m.uids.length, names: m.names, columns: m.columns }, test);
  const y = takeLabels(m.labels, test);
  return { auc: pairwiseAuc(y, loadChurnModel(kind, saved.model).predictProba(x)), rows: y.length };
}

/** Mean NDCG@10 of two runs' published lists (read back from ClickHouse) on a run's label-window plays, over users both lists cover. */
async function ndcgOfPublished(runs: [string, string], labelPlaysKey: string): Promise<{ users: number; ndcg: [number, number] }> {
  const relevant = labelPlaysByUser(labelPlaysOf(fs.readFileSync(path.join(artifactsDir(settings), labelPlaysKey)), labelPlaysKey));
  const lists = await Promise.all(
    runs.map(async (run) => {
      const text = await sql(`SELECT uid, groupArray(song_id) FROM (SELECT uid, song_id FROM recommendations WHERE run_id = '${run}' ORDER BY uid, rank) GROUP BY uid`);
      return new Map(text.split('\n').map((line) => [Number(line.split('\t')[0]), JSON.parse(line.split('\t')[1]) as number[]] as const));
    }),
  );
  const sums = [0, 0];
  let users = 0;
  for (const [uid, rel] of relevant) {
    if (!lists[0].has(uid) || !lists[1].has(uid) || rel.size === 0) continue;
    users++;
    lists.forEach((l, k) => {
      const top = l.get(uid)!.slice(0, 10);
      const dcg = top.reduce((s, song, i) => s + (rel.has(song) ? 1 / Math.log2(i + 2) : 0), 0);
      let ideal = 0;
      for (let i = 0; i < Math.min(rel.size, 10); i++) ideal += 1 / Math.log2(i + 2);
      sums[k] += dcg / ideal;
    });
  }
  return { users, ndcg: [sums[0] / users, sums[1] / users] };
}

test('a score-only run refuses, without retrying, while there is no champion', async () => {
  const handle = await client.workflow.start(scoreCurrentUsers, { taskQueue: TASK_QUEUES.workflows, workflowId: `score-no-champion-${Date.now()}`, args: [{}] });
  await assert.rejects(handle.result(), (err: unknown) => {
    assert.ok(err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure, String(err));
    assert.equal(err.cause.type, 'NoChampion');
    assert.match(err.cause.message, /no champion churn model.*train one first/);
    return true;
  });
});

test('a retrain update with bad parameters is rejected with the field named, and leaves no trace in history', async () => {
  // Continue-as-new after about two retrains' worth of events, to carry the state mid-scenario.
  serviceHandle = await client.workflow.start(musicboxService, { taskQueue: TASK_QUEUES.workflows, workflowId: SERVICE_ID, args: [{ maxHistoryEvents: 120 }] });
  // As README shows it, with the Temporal CLI: refused, naming the field.
  const typo = temporalCli('workflow', 'update', 'execute', '-w', SERVICE_ID, '--name', 'retrain', '--input', '{"logdir": "/tmp/typo"}');
  assert.notEqual(typo.status, 0);
  assert.match(typo.stderr + typo.stdout, /invalid retrain request: unknown key 'logdir' \(did you mean 'logsDir'\?\)/);
  const bad = [{ logdir: '/tmp/typo' }, { features: { sampleRatio: 0 } }, { runId: 'Not A Run Id' }];
  for (const request of bad) {
    await assert.rejects(serviceHandle.executeUpdate(retrainUpdate, { args: [request as RetrainRequest] }), (err: unknown) => {
      assert.ok(err instanceof WorkflowUpdateFailedError, String(err));
      assert.match(String((err.cause as Error | undefined)?.message), /invalid retrain request: (unknown key 'logdir' \(did you mean 'logsDir'\?\)|features\.sampleRatio: must be above 0|runId: a run id is)/);
      return true;
    });
  }
  const events = (await serviceHandle.fetchHistory()).events ?? [];
  assert.equal(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateCompletedEventAttributes).length, 0);
  assert.doesNotMatch(JSON.stringify(events), /typo|Not A Run Id/);
  assert.equal((await status()).queued, undefined);
});

test('the first retrain becomes champion of both kinds, and the latest_* views serve it', async () => {
  // Through the Temporal CLI, as README shows it.
  const out = execFileSync(
    temporalCliOf(settings.temporal),
    ['workflow', 'update', 'execute', '-w', SERVICE_ID, '--name', 'retrain', '--input', JSON.stringify({ ...WEAK, runId: 'weak', logsDir: logs }), '--address', testTemporalAddress(), '--output', 'json'],
    { encoding: 'utf8' },
  );
  assert.deepEqual((JSON.parse(out) as { result: unknown }).result, { runId: 'weak', merged: false, message: 'queued as run weak' });
  const decisions = await decisionsOf('weak');
  assert.deepEqual(decisions.map((d) => [d.kind, d.promoted, d.reason]).sort(), [
    ['churn', true, 'first champion: there was none before this run'],
    ['recommendations', true, 'first champion: there was none before this run'],
  ]);
  assert.deepEqual(await servedRuns(), { churn: 'weak', recommendations: 'weak' });
  const shown = JSON.parse(temporalCli('workflow', 'query', '-w', SERVICE_ID, '--type', 'status', '--output', 'json').stdout) as { queryResult: ServiceStatus[] };
  assert.equal(shown.queryResult[0].champions.churn?.runId, 'weak');
});

test('two retrain signals during a run give exactly one more run; a better run is promoted and a worse one kept out, on the same rows', async () => {
  await serviceHandle.signal(retrainSignal, { ...FAST, runId: 'strong' });
  await waitFor('run strong in flight', async () => ((await status()).inFlight?.runId === 'strong' ? true : undefined));
  await serviceHandle.signal(retrainSignal, { ...WEAK, runId: 'late' });
  await serviceHandle.signal(retrainSignal, { ...WEAK, runId: 'later' });
  const queued = await status();
  assert.equal(queued.inFlight?.runId, 'strong');
  assert.deepEqual(queued.queued && { runId: queued.queued.runId, merged: queued.queued.merged }, { runId: 'late', merged: 1 });

  const strong = await decisionsOf('strong');
  const late = await decisionsOf('late');
  assert.deepEqual(strong.map((d) => [d.kind, d.promoted]).sort(), [['churn', true], ['recommendations', true]]);
  assert.deepEqual(late.map((d) => [d.kind, d.promoted]).sort(), [['churn', false], ['recommendations', false]]);
  // Exactly one pipeline ran for the two signals.
  const s = await status();
  assert.equal(s.retrains, 3);
  assert.equal(await sql("SELECT count() FROM model_registry WHERE run_id IN ('late', 'later')"), '1');
  await assert.rejects(client.workflow.getHandle('churn-pipeline-later').describe(), /not found/i);
  assert.deepEqual(await servedRuns(), { churn: 'strong', recommendations: 'strong' });

  // The guard's numbers, recomputed here: strong's model and late's own on late's test users; both lists on late's plays.
  const lateRun = (await client.workflow.getHandle('churn-pipeline-late').result()) as PipelineResult;
  const churn = late.find((d) => d.kind === 'churn')!;
  const models = (await sql("SELECT run_id, artifact, kind FROM model_registry FINAL WHERE run_id IN ('strong', 'late') ORDER BY run_id")).split('\n').map((l) => l.split('\t'));
  const [[, lateModel, lateKind], [, strongModel, strongKind]] = models;
  const champion = aucOnTestSplit(strongModel, strongKind as ChurnModelKind, lateRun.artifacts.trainingMatrix, 0.9);
  const challenger = aucOnTestSplit(lateModel, lateKind as ChurnModelKind, lateRun.artifacts.trainingMatrix, 0.9);
  assert.equal(churn.rows, champion.rows);
  assert.ok(Math.abs(churn.champion! - champion.auc) < 1e-9, `${churn.champion} vs ${champion.auc}`);
  assert.ok(Math.abs(churn.challenger! - challenger.auc) < 1e-9, `${churn.challenger} vs ${challenger.auc}`);
  // The challenger's number is also what its own training reported on that split.
  const lateBest = lateRun.churn!.models.find((m) => m.name === lateRun.churn!.best)!;
  assert.ok(Math.abs(churn.challenger! - lateBest.testAuc) < 1e-9);
  assert.ok(churn.challenger! < churn.champion! - churn.tolerance);

  const recs = late.find((d) => d.kind === 'recommendations')!;
  const judged = await ndcgOfPublished(['strong', 'late'], lateRun.artifacts.labelPlays);
  assert.equal(recs.rows, judged.users);
  assert.ok(Math.abs(recs.champion! - judged.ndcg[0]) < 1e-9 && Math.abs(recs.challenger! - judged.ndcg[1]) < 1e-9, JSON.stringify({ recs, judged }));
  assert.ok(recs.challenger! < recs.champion! - recs.tolerance);

  // Both decisions are in ClickHouse with their numbers.
  assert.equal(await sql("SELECT kind, promoted, round(challenger, 9) = round({c:Float64}, 9) FROM champion_decisions FINAL WHERE run_id = 'late' AND kind = 'churn'".replace('{c:Float64}', String(churn.challenger))), 'churn\tfalse\t1');
});

test('promote and rollback move the champion and the latest_* views follow; state survives continue-as-new', async () => {
  const promoted = await serviceHandle.executeUpdate(promoteUpdate, { args: [{ runId: 'late' }] });
  assert.deepEqual(promoted.changed.sort(), ['churn', 'recommendations']);
  assert.deepEqual(await servedRuns(), { churn: 'late', recommendations: 'late' });
  const back = await serviceHandle.executeUpdate(rollbackUpdate, { args: [{}] });
  assert.equal(back.champions.churn?.runId, 'strong');
  assert.deepEqual(await servedRuns(), { churn: 'strong', recommendations: 'strong' });
  // A second rollback goes one further back (to strong's predecessor), not back and forth.
  await serviceHandle.executeUpdate(rollbackUpdate, { args: [{ kinds: ['recommendations'] }] });
  assert.deepEqual(await servedRuns(), { churn: 'strong', recommendations: 'weak' });
  await serviceHandle.executeUpdate(promoteUpdate, { args: [{ runId: 'strong' }] });
  await assert.rejects(serviceHandle.executeUpdate(promoteUpdate, { args: [{ runId: 'never-ran' }] }), (err: unknown) => {
    assert.match(describeError(err), /run never-ran has no published/);
    return true;
  });

  // maxHistoryEvents made the service continue as new between runs; its state came along.
  const s: ServiceStatus = await status();
  const description = await serviceHandle.describe();
  assert.ok(s.generation > 1, `generation ${s.generation}`);
  assert.notEqual(description.runId, description.raw.workflowExecutionInfo?.firstRunId);
  assert.equal(s.retrains, 3);
  assert.deepEqual(new Set(s.decisions.map((d) => d.runId)), new Set(['weak', 'strong', 'late']));
  assert.equal(s.champions.churn?.runId, 'strong');
  // The first execution's history, which ends in continue-as-new, replays on the current code.
  const first = await client.workflow.getHandle(SERVICE_ID, description.raw.workflowExecutionInfo?.firstRunId ?? undefined).fetchHistory();
  assert.ok(first.events?.some((e) => e.workflowExecutionContinuedAsNewEventAttributes));
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, first);
});

test('a score-only run scores the current users with the champion model, trains nothing, and is what latest_churn_scores serves', async () => {
  const handle = await client.workflow.start(scoreCurrentUsers, { taskQueue: TASK_QUEUES.workflows, workflowId: `score-${Date.now()}`, args: [{ asOf: '2017-05-10' }] });
  const r = await handle.result();
  assert.deepEqual([r.runId, r.modelRunId, r.snapshotDate], ['score-2017-05-10', 'strong', '2017-05-10']);
  const events = (await handle.fetchHistory()).events ?? [];
  const activities = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  assert.deepEqual(activities, ['readCurrentChampions', 'buildScoringSnapshot', 'scoreUsers', 'publishChurnScores']);
  assert.equal(await sql("SELECT count(), uniqExact(uid) FROM churn_scores WHERE run_id = 'score-2017-05-10'"), `${r.scored}\t${r.scored}`);
  assert.equal(await sql("SELECT count() FROM run_scoring_features WHERE run_id = 'score-2017-05-10' AND snapshot_date = '2017-05-10'"), String(r.scored));
  assert.deepEqual(await servedRuns(), { churn: 'score-2017-05-10', recommendations: 'strong' });
  // The probabilities are the champion model's on the snapshot's features.
  const [artifact, kind] = (await sql("SELECT artifact, kind FROM model_registry FINAL WHERE run_id = 'strong'")).split('\t');
  const saved = JSON.parse(fs.readFileSync(path.join(artifactsDir(settings), artifact), 'utf8')) as { model: unknown };
  const m = trainingMatrixOf(fs.readFileSync(path.join(artifactsDir(settings), 'score-2017-05-10/scoring-matrix.arrows')), 'scoring-matrix.arrows');
  const probs = loadChurnModel(kind as ChurnModelKind, saved.model).predictProba({ nRows: m.uids.length, names: m.names, columns: m.columns });
  const stored = new Map((await sql("SELECT uid, probability FROM churn_scores WHERE run_id = 'score-2017-05-10'")).split('\n').map((l) => [Number(l.split('\t')[0]), Number(l.split('\t')[1])]));
  m.uids.forEach((uid, i) => assert.ok(Math.abs(stored.get(uid)! - probs[i]) < 1e-12, `user ${uid}`));
});

test('killing the worker that runs the service in the middle of a retrain loses nothing and duplicates nothing', async () => {
  const before = (await status()).retrains;
  await serviceHandle.executeUpdate(retrainUpdate, { args: [{ ...FAST, runId: 'crash' }] });
  // Wait until the run is training (the pipeline's feature stage is done), then kill the SQL worker, which runs workflow tasks too.
  await waitFor('run crash training', async () => {
    const pending = (await client.workflow.getHandle('churn-pipeline-crash').describe().catch(() => undefined))?.raw.pendingActivities ?? [];
    return pending.some((a) => a.activityType?.name === 'trainChurnModel') ? true : undefined;
  });
  await stopWorker(sqlWorker, 'SIGKILL');
  sqlWorker = await startWorker(settings, 'sql');
  const decisions = await decisionsOf('crash');
  assert.deepEqual(decisions.map((d) => d.kind).sort(), ['churn', 'recommendations']);
  assert.equal((await status()).retrains, before + 1);
  assert.equal(await sql("SELECT count() FROM champion_decisions WHERE run_id = 'crash'"), '2');
  assert.equal(await sql("SELECT count() = uniqExact(uid) FROM churn_scores WHERE run_id = 'crash'"), '1');
  assert.equal(await sql("SELECT count() FROM model_registry WHERE run_id = 'crash'"), '1');
});

test('a scheduled retrain signal-with-starts the service with the schedule\'s as-of and an idempotency key', async () => {
  const id = `musicbox-service-scheduled-${Date.now()}`;
  const tick = `scheduled-retrain-${Date.now()}`;
  const r = await client.workflow.execute(scheduledRetrain, { taskQueue: TASK_QUEUES.workflows, workflowId: tick, args: [{ asOf: '2017-05-12', serviceWorkflowId: id, request: FAST }] });
  assert.deepEqual(r, { serviceWorkflowId: id, asOf: '2017-05-12', requestId: tick });
  const started = client.workflow.getHandle<typeof musicboxService>(id);
  try {
    const events = (await started.fetchHistory()).events ?? [];
    const signal = events.find((e) => e.workflowExecutionSignaledEventAttributes)?.workflowExecutionSignaledEventAttributes;
    assert.equal(signal?.signalName, 'retrain');
    const data = signal?.input?.payloads?.[0]?.data as Uint8Array | string | undefined;
    assert.ok(data);
    const sent = JSON.parse(Buffer.from(data as never, typeof data === 'string' ? 'base64' : undefined).toString('utf8')) as RetrainRequest;
    // The request as the schedule's input gave it (no defaults filled in), placed at the as-of, keyed by the tick.
    assert.deepEqual(sent, { ...FAST, asOf: '2017-05-12', requestId: tick });
    // The same tick again (a retried activity) is merged into the first request, not queued twice.
    await started.signal(retrainSignal, { ...FAST, asOf: '2017-05-12', requestId: tick });
    const s = await started.query(statusQuery);
    assert.equal((s.inFlight ? 1 : 0) + (s.queued ? 1 : 0), 1, JSON.stringify(s));
  } finally {
    await started.terminate('test over');
  }
});

test('a schedule\'s backfill reaches the service through scheduledRetrain, each tick placed at its own past date', async () => {
  const id = `musicbox-service-backfill-${Date.now()}`;
  const schedule = await client.schedule.create({
    scheduleId: `retrain-backfill-${Date.now()}`,
    spec: { intervals: [{ every: '1 day' }] },
    action: { type: 'startWorkflow', workflowType: scheduledRetrain, args: [{ serviceWorkflowId: id, request: FAST }], taskQueue: TASK_QUEUES.workflows },
    state: { paused: true },
  });
  const service = client.workflow.getHandle<typeof musicboxService>(id);
  try {
    await schedule.backfill({ start: new Date('2017-05-10T00:00:00Z'), end: new Date('2017-05-10T12:00:00Z'), overlap: 'ALLOW_ALL' });
    const asOf = await waitFor('the tick\'s signal', async () => {
      const events = (await service.fetchHistory().catch(() => undefined))?.events ?? [];
      const data = events.find((e) => e.workflowExecutionSignaledEventAttributes)?.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0]?.data as Uint8Array | string | undefined;
      return data && (JSON.parse(Buffer.from(data as never, typeof data === 'string' ? 'base64' : undefined).toString('utf8')) as RetrainRequest).asOf;
    }, 120);
    // The tick due at 2017-05-10T00:00 is placed as of the last full day before it.
    assert.equal(asOf, '2017-05-09');
  } finally {
    await schedule.delete();
    await service.terminate('test over').catch(() => undefined);
  }
});
