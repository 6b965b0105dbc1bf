import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutForestProbabilities, runSharedForestUnit } from '../../../learn/grid-forest';
import { gridForestGroups } from '../../../messages/churn';
import { runGridUnit, type GridCell } from '../../../learn/grid-search';
import { stratifiedKFold } from '../../../learn/split';
import { RandomForestClassifier } from '../../../learn/trees/random-forest';
import { logisticDataset } from './fixtures';

const grid: GridCell[] = [4, 9].flatMap((nTrees) =>
  [2, 5, Infinity].flatMap((maxDepth) => [1, 6].map((minSamplesLeaf) => ({ nTrees, maxDepth, minSamplesLeaf, maxFeatures: 'sqrt' as const }))),
);

test('cells that differ only in trees and depth share one forest; min leaf and features set the groups', () => {
  const groups = gridForestGroups([...grid].reverse());
  // Fewest rows per leaf first: the deepest trees, the longest work.
  assert.deepEqual(
    groups.map((g) => g.map((c) => [c.cell.minSamplesLeaf, c.cellIndex])),
    [
      [[1, 1], [1, 3], [1, 5], [1, 7], [1, 9], [1, 11]],
      [[6, 0], [6, 2], [6, 4], [6, 6], [6, 8], [6, 10]],
    ],
  );
  assert.equal(gridForestGroups([{ ...grid[0] }, { ...grid[0], maxFeatures: 'all' }]).length, 2);
});

test('the deepest, largest forest cut to each cell predicts exactly what the cell grown on its own does', async () => {
  // 7 features with sqrt draws: each node tries 2, so the draw order matters.
  const { x, y } = logisticDataset(900, 7, 13);
  for (const minSamplesLeaf of [1, 6]) {
    const big = await new RandomForestClassifier({ nTrees: 9, maxDepth: Infinity, minSamplesLeaf, seed: 5, threads: 1 }).train(x, y);
    const cells = grid.filter((c) => c.minSamplesLeaf === minSamplesLeaf);
    const cut = cutForestProbabilities(big.fittedTrees, x, cells);
    for (const [k, cell] of cells.entries()) {
      const own = await new RandomForestClassifier({ ...cell, seed: 5, threads: 1 }).train(x, y);
      assert.deepEqual(cut[k], own.predictProba(x), `trees ${cell.nTrees}, depth ${cell.maxDepth}, min leaf ${minSamplesLeaf}`);
    }
  }
});

test('a shared-forest unit gives every cell of its group the AUC of that cell grown on its own', async () => {
  const { x, y } = logisticDataset(1200, 7, 3);
  const folds = stratifiedKFold(y, { k: 3, seed: 1 });
  for (const group of gridForestGroups(grid)) {
    const shared = await runSharedForestUnit(x, y, group, 2, folds, { seed: 9, threads: 1 });
    for (const r of shared) {
      const alone = await runGridUnit(x, y, { cellIndex: r.cellIndex, cell: r.cell, fold: 2 }, folds, { seed: 9, threads: 1 });
      assert.equal(r.auc, alone.auc, `cell ${r.cellIndex}`);
    }
    // The AUCs differ between cells, so equality above is not one number repeated.
    assert.ok(new Set(shared.map((r) => r.auc)).size > 3);
  }
});

test('cells that differ in min leaf cannot share a forest', async () => {
  const { x, y } = logisticDataset(200, 4, 2);
  const folds = stratifiedKFold(y, { k: 2, seed: 1 });
  const cells = [0, 1].map((cellIndex) => ({ cellIndex, cell: grid[cellIndex] }));
  await assert.rejects(runSharedForestUnit(x, y, cells, 0, folds, { threads: 1 }), /cell 1 differs in min samples per leaf/);
});

test('asking for more trees than were grown is an error that says so', async () => {
  const { x, y } = logisticDataset(200, 4, 2);
  const forest = await new RandomForestClassifier({ nTrees: 3, maxDepth: 4, seed: 1, threads: 1 }).train(x, y);
  assert.throws(() => cutForestProbabilities(forest.fittedTrees, x, [{ nTrees: 5, maxDepth: 4 }]), /5 trees, more than the 3 grown/);
});
