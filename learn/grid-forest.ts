import { takeLabels, takeRows } from './dataset';
import type { GridCell, GridUnitOptions, GridUnitResult } from './grid-search';
import { rocAuc } from './metrics/roc-auc';
import { foldIndices } from './split/stratified-k-fold';
import { predictRawToDepth, type FlatTree } from './trees/flat-tree';
import { RandomForestClassifier } from './trees/random-forest';
import type { FeatureMatrix, Labels } from './types';

/** A grid cell with its place in the grid. */
export interface IndexedCell {
  cellIndex: number;
  cell: GridCell;
}

/**
 * Scores the held-out fold for several grid cells with one forest, as if each cell's
 * forest had been grown on its own. With one seed, a forest's first n trees are the
 * n-tree forest, and each tree cut at depth d is the tree grown to depth d (a node's
 * feature draw depends only on its place in the tree). So cells that differ only in
 * their number of trees and depth share the forest of the most trees and the deepest
 * depth among them, trained once on all folds but `fold`.
 */
export async function runSharedForestUnit(
  data: FeatureMatrix,
  labels: Labels,
  cells: readonly IndexedCell[],
  fold: number,
  foldAssignment: Int32Array,
  options: GridUnitOptions = {},
): Promise<GridUnitResult[]> {
  const [{ cell: first }] = cells;
  for (const { cellIndex, cell } of cells) {
    if (cell.minSamplesLeaf !== first.minSamplesLeaf || cell.maxFeatures !== first.maxFeatures) {
      throw new RangeError(`cell ${cellIndex} differs in min samples per leaf or features per split: it cannot share a forest with cell ${cells[0].cellIndex}`);
    }
  }
  const { train, test } = foldIndices(foldAssignment, fold);
  const forest = await new RandomForestClassifier({
    nTrees: Math.max(...cells.map((c) => c.cell.nTrees)),
    maxDepth: Math.max(...cells.map((c) => c.cell.maxDepth)),
    minSamplesLeaf: first.minSamplesLeaf,
    maxFeatures: first.maxFeatures,
    seed: options.seed ?? 0,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  }).train(takeRows(data, train), takeLabels(labels, train));
  const x = takeRows(data, test);
  const y = takeLabels(labels, test);
  const probabilities = cutForestProbabilities(forest.fittedTrees, x, cells.map((c) => c.cell));
  return cells.map(({ cellIndex, cell }, k) => ({ cellIndex, cell, fold, auc: rocAuc(y, probabilities[k]) }));
}

/**
 * Each cell's probabilities from the first `nTrees` trees, each cut at `maxDepth`. Trees
 * are summed in index order and divided by their number, as the forest's own prediction
 * does, so the values are those of the cell's forest grown on its own, to the bit.
 */
export function cutForestProbabilities(trees: readonly FlatTree[], x: FeatureMatrix, cells: readonly Pick<GridCell, 'nTrees' | 'maxDepth'>[]): Float64Array[] {
  const byCell = new Map<string, Float64Array>();
  const counts = new Set(cells.map((c) => c.nTrees));
  for (const depth of new Set(cells.map((c) => c.maxDepth))) {
    const sum = new Float64Array(x.nRows);
    for (let t = 0; t < trees.length; t++) {
      for (let r = 0; r < x.nRows; r++) sum[r] += predictRawToDepth(trees[t], x.columns, r, depth);
      if (counts.has(t + 1)) byCell.set(`${t + 1}/${depth}`, sum.map((s) => s / (t + 1)));
    }
  }
  return cells.map((c) => {
    const p = byCell.get(`${c.nTrees}/${c.maxDepth}`);
    if (!p) throw new RangeError(`a cell asks for ${c.nTrees} trees, more than the ${trees.length} grown`);
    return p;
  });
}
