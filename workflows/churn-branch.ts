import { ApplicationFailure } from '@temporalio/workflow';
import type { ChurnOptions, ChurnSummary, GridCell, TrainChurnModelResult } from '../messages/churn';
import { SEED_GRID, SEED_MODELS } from '../messages/churn';
import type { RunArtifacts } from '../messages/features';
import { sql, training, trainingUnits } from './activity-stubs';

/**
 * Churn: the seed's three models trained in parallel, a random-forest grid searched by k-fold
 * cross-validation (every (cell, fold) its own activity, so the grid spreads over all training
 * workers), the tuned forest, and the best model by test AUC scoring every user.
 * `scoringMatrix` is asked for only once the models are trained: it may still be being built.
 */
export async function trainAndScoreChurn(
  runId: string,
  artifacts: RunArtifacts,
  options: ChurnOptions,
  scoringMatrix: () => Promise<string | undefined>,
): Promise<ChurnSummary> {
  const common = { runId, trainingMatrix: artifacts.trainingMatrix, seed: options.seed, testFraction: options.testFraction };
  const models: Promise<TrainChurnModelResult>[] = SEED_MODELS.map((m) => training.trainChurnModel({ ...common, ...m }));

  let grid: ChurnSummary['grid'];
  const cells: GridCell[] = options.grid === 'seed' ? SEED_GRID : options.grid === 'none' ? [] : options.grid;
  if (cells.length > 0) {
    const units = cells.flatMap((cell, cellIndex) => Array.from({ length: options.folds }, (_, fold) => ({ ...common, cell, cellIndex, fold, folds: options.folds })));
    const results = await Promise.all(units.map((u) => trainingUnits.runChurnGridUnit(u)));
    const summary = await training.summariseChurnGrid({ runId, cells, results });
    grid = { cells: cells.length, folds: options.folds, best: summary.best };
    const { meanAuc: _mean, stdAuc: _std, ...best } = summary.best;
    models.push(training.trainChurnModel({ ...common, name: 'random_forest_tuned', kind: 'random_forest', params: best }));
  }

  const trained = await Promise.all(models);
  const best = trained.reduce((a, b) => (b.test.auc > a.test.auc ? b : a));
  const matrix = await scoringMatrix();
  if (!matrix) throw ApplicationFailure.nonRetryable(`run ${runId} has no scoring snapshot to score`, 'InvalidInput');
  const scored = await training.scoreUsers({ runId, model: best.artifact, kind: best.kind, scoringMatrix: matrix });
  const published = await sql.publishChurnScores({ runId, scores: scored.scores, best });
  return {
    models: trained.map((t) => ({ name: t.name, testAuc: t.test.auc, trainAuc: t.train.auc, f1: t.test.f1, seconds: t.seconds })),
    grid,
    best: best.name,
    topFeatures: best.permutation,
    scored: scored.users,
    atRisk: scored.atRisk,
    table: published.table,
    previousBest: published.previousBest,
  };
}
