import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultGrid, gridUnits, runGridUnit, summariseGrid, type GridUnitResult } from '../../../learn/grid-search';
import { stratifiedKFold } from '../../../learn/split';
import { logisticDataset } from './fixtures';

test('the default grid is 2 × 3 × 3 cells and units cover every (cell, fold)', () => {
  const grid = defaultGrid();
  assert.equal(grid.length, 18);
  assert.deepEqual(grid[0], { nTrees: 100, maxDepth: 15, minSamplesLeaf: 2, maxFeatures: 'sqrt' });
  assert.deepEqual(grid[17], { nTrees: 200, maxDepth: 25, minSamplesLeaf: 20, maxFeatures: 'sqrt' });
  const units = gridUnits(grid, 5);
  assert.equal(units.length, 90);
  assert.equal(new Set(units.map((u) => `${u.cellIndex}/${u.fold}`)).size, 90);
});

test('a grid unit scores its held-out fold', async () => {
  const { x, y } = logisticDataset(1200, 6, 3);
  const folds = stratifiedKFold(y, { k: 3, seed: 1 });
  const unit = gridUnits([{ nTrees: 20, maxDepth: 8, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], 3)[1];
  const result = await runGridUnit(x, y, unit, folds, { threads: 1 });
  assert.equal(result.fold, 1);
  assert.ok(result.auc > 0.75 && result.auc <= 1);
  assert.deepEqual(await runGridUnit(x, y, unit, folds, { threads: 2 }), result);
});

test('summaries average folds, skip undefined ones and pick the best cell', () => {
  const cell = { nTrees: 1, maxDepth: 1, minSamplesLeaf: 1, maxFeatures: 'sqrt' as const };
  const results: GridUnitResult[] = [
    { cellIndex: 0, cell, fold: 0, auc: 0.7 },
    { cellIndex: 0, cell, fold: 1, auc: 0.8 },
    { cellIndex: 1, cell, fold: 0, auc: 0.9 },
    { cellIndex: 1, cell, fold: 1, auc: NaN },
  ];
  const summary = summariseGrid(results);
  assert.ok(Math.abs(summary.cells[0].meanAuc - 0.75) < 1e-12);
  assert.ok(Math.abs(summary.cells[0].stdAuc - 0.05) < 1e-12);
  assert.equal(summary.cells[1].nFolds, 1);
  assert.equal(summary.best?.cellIndex, 1);
});
