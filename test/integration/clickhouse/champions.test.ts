import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { claimIfNoChampion, moveChampion, publishedKinds, readChampions, recordDecisions, recordScoreRun, rollbackTarget } from '../../../clickhouse/champions';
import { migrate, type ClickHouseClient } from '../../../clickhouse';
import { openTestEngine, rows } from '../../support/engine';

let ch: ClickHouseClient;
before(async () => {
  ({ ch } = await openTestEngine());
});
after(() => ch.close());

/** Two users' scores and lists for a run, as the publish activities would leave them. */
async function publishRun(runId: string, registered = true): Promise<void> {
  await ch.insert({ table: 'churn_scores', format: 'JSONEachRow', values: [1, 2].map((uid) => ({ run_id: runId, uid, probability: 0.5, rank: uid, model: 'm' })) });
  if (registered) {
    await ch.insert({ table: 'model_registry', format: 'JSONEachRow', values: [{ run_id: runId, model: 'm', kind: 'logistic_regression', test_auc: 0.7, train_auc: 0.8, test_f1: 0.5, params: '{}', metrics: '{}', top_features: '[]', artifact: `${runId}/models/m.json` }] });
    await recordScoreRun(ch, runId, runId);
  }
  await ch.insert({ table: 'recommendations', format: 'JSONEachRow', values: [{ run_id: runId, uid: 1, rank: 1, song_id: 7, score: 1, models: ['nmf'] }] });
  await ch.insert({ table: 'published_runs', format: 'JSONEachRow', values: [{ run_id: runId, kind: 'recommendations', rows: 1 }] });
}
const served = async () => (await rows<{ c: string; r: string }>(ch, 'SELECT (SELECT any(run_id) FROM latest_churn_scores) AS c, (SELECT any(run_id) FROM latest_recommendations) AS r'))[0];

test('with no champion the views serve nothing; the first run claims both kinds, a later one claims nothing', async () => {
  assert.deepEqual(await readChampions(ch), {});
  assert.deepEqual(await served(), { c: '', r: '' });
  await publishRun('a');
  assert.equal(await claimIfNoChampion(ch, 'churn', 'a'), true);
  assert.equal(await claimIfNoChampion(ch, 'recommendations', 'a'), true);
  await publishRun('b');
  assert.equal(await claimIfNoChampion(ch, 'churn', 'b'), false);
  assert.deepEqual(await served(), { c: 'a', r: 'a' });
  const champions = await readChampions(ch);
  assert.equal(champions.churn?.runId, 'a');
  assert.deepEqual(champions.churn?.model, { name: 'm', kind: 'logistic_regression', artifact: 'a/models/m.json', testAuc: 0.7 });
  assert.equal(champions.churn?.previousRunId, undefined);
});

test('a move is keyed by its time: repeating it changes nothing; the views follow the pointer, not the newest run', async () => {
  // After the claims above (made at the engine's now), as a decision taken later would be.
  const at = new Date(Date.now() + 1000).toISOString();
  await moveChampion(ch, { kind: 'churn', runId: 'b', previousRunId: 'a', at, reason: 'test' });
  await moveChampion(ch, { kind: 'churn', runId: 'b', previousRunId: 'a', at, reason: 'test' });
  assert.equal(Number((await rows<{ n: string }>(ch, "SELECT count() AS n FROM champions WHERE run_id = 'b'"))[0].n), 1);
  await publishRun('c');
  assert.deepEqual(await served(), { c: 'b', r: 'a' });
  assert.deepEqual(await rollbackTarget(ch, 'churn'), { from: 'b', to: 'a', toPrevious: '' });
  assert.equal(await rollbackTarget(ch, 'recommendations'), undefined);
});

test('latest_churn_scores serves the newest scores made by the champion model, a score-only run included', async () => {
  await ch.insert({ table: 'churn_scores', format: 'JSONEachRow', values: [{ run_id: 'score-1', uid: 1, probability: 0.9, rank: 1, model: 'm' }] });
  await recordScoreRun(ch, 'score-1', 'b', '2017-05-10');
  assert.equal((await served()).c, 'score-1');
  // Scores by another model are not served, however new.
  await ch.insert({ table: 'churn_scores', format: 'JSONEachRow', values: [{ run_id: 'score-2', uid: 1, probability: 0.1, rank: 1, model: 'm' }] });
  await recordScoreRun(ch, 'score-2', 'c');
  assert.equal((await served()).c, 'score-1');
});

test('a run publishes the kinds it has rows of; decisions are recorded once however often the step runs', async () => {
  await publishRun('recs-only', false);
  assert.deepEqual(await publishedKinds(ch, 'recs-only'), ['recommendations']);
  assert.deepEqual(await publishedKinds(ch, 'b'), ['churn', 'recommendations']);
  assert.deepEqual(await publishedKinds(ch, 'nothing'), []);
  const d = { runId: 'c', kind: 'churn' as const, championRunId: 'b', metric: 'test_auc' as const, challenger: 0.6, champion: 0.7, tolerance: 0.01, rows: 20, promoted: false, reason: 'kept', decidedAt: '2026-01-01T11:00:00.000Z' };
  await recordDecisions(ch, [d]);
  await recordDecisions(ch, [d]);
  assert.deepEqual(await rows(ch, "SELECT run_id, champion_run_id, challenger, champion, promoted FROM champion_decisions WHERE run_id = 'c'"), [
    { run_id: 'c', champion_run_id: 'b', challenger: 0.6, champion: 0.7, promoted: false },
  ]);
});

test('the migration makes an existing installation\'s newest runs the first champions, once', async () => {
  // As if 0400 had not run: drop its tables and record, then migrate again over data from before.
  for (const t of ['champions', 'champion_decisions', 'churn_score_runs']) await ch.command({ query: `DROP TABLE ${t}` });
  await ch.command({ query: "ALTER TABLE schema_migrations DELETE WHERE version = '0400_champions' SETTINGS mutations_sync = 1" });
  await migrate(ch);
  const champions = await readChampions(ch);
  assert.equal(champions.churn?.runId, 'c');
  assert.equal(champions.recommendations?.runId, 'recs-only');
  assert.deepEqual(await served(), { c: 'c', r: 'recs-only' });
});
