import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { ChurnOptions, ChurnSummary, GridCell, GridUnitResult, TrainChurnModelResult } from '../messages/churn';
import { gridForestGroups, SEED_GRID, SEED_MODELS } from '../messages/churn';
import type { RunArtifacts } from '../messages/features';
import { sql, training, trainingFirst, trainingUnits } from './activity-stubs';

/**
 * Until a run's history carries this marker, every (cell, fold) of the grid grew its own
 * forest, at default priority; since, one forest serves each group of cells on a fold
 * (see gridForestGroups), and the grid, its summary and the tuned forest go first.
 */
export const SHARED_GRID_FORESTS = 'grid-shared-forests';

/**
 * Churn: the seed's three models trained in parallel, a random-forest grid searched by k-fold
 * cross-validation (every shared forest of a fold its own activity, so the grid spreads over all
 * training workers), the tuned forest, and the best model by test AUC scoring every user.
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
    const shared = patched(SHARED_GRID_FORESTS);
    const first = shared ? trainingFirst.criticalPath : training;
    const results = shared ? await gridBySharedForests(common, cells, options.folds) : await gridByCells(common, cells, options.folds);
    const summary = await first.summariseChurnGrid({ runId, cells, results });
    grid = { cells: cells.length, folds: options.folds, best: summary.best };
    const { meanAuc: _mean, stdAuc: _std, ...best } = summary.best;
    models.push(first.trainChurnModel({ ...common, name: 'random_forest_tuned', kind: 'random_forest', params: best }));
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

type Common = { runId: string; trainingMatrix: string; seed: number; testFraction: number };

/** One activity per shared forest and fold, longest groups first, each returning its cells' AUCs. */
async function gridBySharedForests(common: Common, cells: GridCell[], folds: number): Promise<GridUnitResult[]> {
  const groups = gridForestGroups(cells);
  const units = groups.flatMap((group, g) => Array.from({ length: folds }, (_, fold) => ({ unit: { ...common, cells: group, fold, folds }, summary: gridForestSummary(group, g, groups.length, fold, folds) })));
  // The summary is what the Web UI shows for each of the fan-out's activities.
  const done = await Promise.all(units.map(({ unit, summary }) => trainingFirst.gridUnits.runChurnGridForest.executeWithOptions({ summary }, [unit])));
  return done.flatMap((r) => r.scores.map((s) => ({ cellIndex: s.cellIndex, fold: r.fold, auc: s.auc })));
}

/** E.g. `grid forest 2/3, fold 3/5: 200 trees, depth 25, leaf 10 (6 cells)`. */
function gridForestSummary(group: { cell: GridCell }[], g: number, groups: number, fold: number, folds: number): string {
  const trees = Math.max(...group.map((c) => c.cell.nTrees));
  const depth = Math.max(...group.map((c) => c.cell.maxDepth));
  return `grid forest ${g + 1}/${groups}, fold ${fold + 1}/${folds}: ${trees} trees, depth ${depth}, leaf ${group[0].cell.minSamplesLeaf} (${group.length} cells)`;
}

/** One activity per (cell, fold): the path of runs started before SHARED_GRID_FORESTS. */
async function gridByCells(common: Common, cells: GridCell[], folds: number): Promise<GridUnitResult[]> {
  const units = cells.flatMap((cell, cellIndex) => Array.from({ length: folds }, (_, fold) => ({ ...common, cell, cellIndex, fold, folds })));
  return Promise.all(units.map((u) => trainingUnits.runChurnGridUnit(u)));
}
