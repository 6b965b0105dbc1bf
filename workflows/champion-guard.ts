import type { ChurnOptions } from '../messages/churn';
import type { PipelineResult } from '../messages/pipeline';
import type { ChampionDecision, Champions, GuardTolerances } from '../messages/service';
import { sqlShort, training } from './activity-stubs';

/*
 * The champion guard: a run's churn model and its blended recommendations are each promoted only
 * when they are at least as good as the champion's, less a tolerance, measured on the same rows:
 * both churn models score the challenger's test users, both lists are judged on the challenger's
 * label-window plays. A run that becomes champion because there was none says so.
 */

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

/** Decisions for every kind the run produced, against the champions current when it finished. */
export async function guardRun(run: PipelineResult, churnOptions: ChurnOptions, champions: Champions, tolerances: GuardTolerances, decidedAt: string): Promise<ChampionDecision[]> {
  const decisions: ChampionDecision[] = [];
  if (run.churn) decisions.push(await guardChurn(run, churnOptions, champions, tolerances.auc, decidedAt));
  if (run.recommendations) decisions.push(await guardRecommendations(run, champions, tolerances.ndcg, decidedAt));
  return decisions;
}

async function guardChurn(run: PipelineResult, options: ChurnOptions, champions: Champions, tolerance: number, decidedAt: string): Promise<ChampionDecision> {
  const base = { runId: run.runId, kind: 'churn' as const, metric: 'test_auc' as const, tolerance, decidedAt };
  const { model: challenger } = await sqlShort.lookupChurnModel({ runId: run.runId });
  const champion = champions.churn;
  if (!challenger) return { ...base, championRunId: champion?.runId, challenger: null, champion: null, rows: 0, promoted: false, reason: 'the run registered no churn model' };
  if (!champion || champion.runId === run.runId) {
    return { ...base, challenger: challenger.testAuc, champion: null, rows: 0, promoted: true, reason: 'first champion: there was none before this run' };
  }
  if (!champion.model) {
    return { ...base, championRunId: champion.runId, challenger: challenger.testAuc, champion: null, rows: 0, promoted: false, reason: `champion ${champion.runId} has no registered model to compare with; promote by hand` };
  }
  const m = await training.compareChurnModels({
    trainingMatrix: run.artifacts.trainingMatrix,
    seed: options.seed,
    testFraction: options.testFraction,
    champion: { artifact: champion.model.artifact, kind: champion.model.kind as typeof challenger.kind },
    challenger: { artifact: challenger.artifact, kind: challenger.kind },
  });
  const promoted = m.challenger >= m.champion - tolerance;
  const numbers = `test AUC ${fmt(m.challenger)} vs champion ${champion.runId}'s ${fmt(m.champion)} on the same ${m.rows} test users (tolerance ${tolerance})`;
  return { ...base, championRunId: champion.runId, challenger: m.challenger, champion: m.champion, rows: m.rows, promoted, reason: `${promoted ? 'promoted' : 'kept the champion'}: ${numbers}` };
}

async function guardRecommendations(run: PipelineResult, champions: Champions, tolerance: number, decidedAt: string): Promise<ChampionDecision> {
  const base = { runId: run.runId, kind: 'recommendations' as const, metric: 'ndcg_at_10' as const, tolerance, decidedAt };
  const champion = champions.recommendations;
  const own = run.recommendations?.models.find((m) => m.name === 'blend')?.ranking.ndcg ?? null;
  if (!champion || champion.runId === run.runId) return { ...base, challenger: own, champion: null, rows: 0, promoted: true, reason: 'first champion: there was none before this run' };
  const m = await training.compareRecommendations({ labelPlays: run.artifacts.labelPlays, champion: champion.runId, challenger: run.runId });
  const promoted = m.challenger !== null && m.champion !== null && m.challenger >= m.champion - tolerance;
  const numbers = `NDCG@10 ${fmt(m.challenger)} vs champion ${champion.runId}'s ${fmt(m.champion)} on the label-window plays of the same ${m.users} users (tolerance ${tolerance})`;
  return { ...base, championRunId: champion.runId, challenger: m.challenger, champion: m.champion, rows: m.users, promoted, reason: `${promoted ? 'promoted' : 'kept the champion'}: ${numbers}` };
}
