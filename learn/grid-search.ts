import { takeLabels, takeRows } from './dataset';
import { rocAuc } from './metrics/roc-auc';
import { foldIndices } from './split/stratified-k-fold';
import { RandomForestClassifier } from './trees/random-forest';
import type { MaxFeatures } from './trees/max-features';
import type { FeatureMatrix, Labels } from './types';

/** One random-forest configuration of the grid. */
export interface GridCell {
  nTrees: number;
  maxDepth: number;
  minSamplesLeaf: number;
  maxFeatures: MaxFeatures;
}

/** One independently runnable piece of work: a cell evaluated on one held-out fold. */
export interface GridUnit {
  cellIndex: number;
  cell: GridCell;
  fold: number;
}

export interface GridUnitResult {
  cellIndex: number;
  cell: GridCell;
  fold: number;
  /** Held-out ROC AUC; NaN when the fold holds one class only. */
  auc: number;
}

export interface GridCellSummary {
  cellIndex: number;
  cell: GridCell;
  meanAuc: number;
  stdAuc: number;
  /** Folds with a defined AUC that entered the mean. */
  nFolds: number;
}

export interface GridSummary {
  cells: GridCellSummary[];
  /** Highest mean AUC; ties go to the earlier cell. Null when no cell has a defined AUC. */
  best: GridCellSummary | null;
}

/** Options for {@link runGridUnit}. */
export interface GridUnitOptions {
  /** Forest seed. Default 0. */
  seed?: number;
  /** Worker threads for the forest. Default: available cores. */
  threads?: number;
}

/** The default grid: nTrees 100/200 × maxDepth 15/20/25 × minSamplesLeaf 2/10/20, sqrt features. */
export function defaultGrid(): GridCell[] {
  const cells: GridCell[] = [];
  for (const nTrees of [100, 200]) {
    for (const maxDepth of [15, 20, 25]) {
      for (const minSamplesLeaf of [2, 10, 20]) cells.push({ nTrees, maxDepth, minSamplesLeaf, maxFeatures: 'sqrt' });
    }
  }
  return cells;
}

/** Every (cell, fold) pair, cell-major. */
export function gridUnits(grid: readonly GridCell[], folds: number): GridUnit[] {
  return grid.flatMap((cell, cellIndex) => Array.from({ length: folds }, (_, fold) => ({ cellIndex, cell, fold })));
}

/** Trains the unit's forest on all other folds and scores the held-out fold. */
export async function runGridUnit(
  data: FeatureMatrix,
  labels: Labels,
  unit: GridUnit,
  foldAssignment: Int32Array,
  options: GridUnitOptions = {},
): Promise<GridUnitResult> {
  const { train, test } = foldIndices(foldAssignment, unit.fold);
  const model = await new RandomForestClassifier({
    ...unit.cell,
    seed: options.seed ?? 0,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  }).train(takeRows(data, train), takeLabels(labels, train));
  const auc = rocAuc(takeLabels(labels, test), model.predictProba(takeRows(data, test)));
  return { cellIndex: unit.cellIndex, cell: unit.cell, fold: unit.fold, auc };
}

/** Mean and (population) standard deviation of AUC per cell, skipping undefined folds. */
export function summariseGrid(results: readonly GridUnitResult[]): GridSummary {
  const byCell = new Map<number, GridUnitResult[]>();
  for (const r of results) byCell.set(r.cellIndex, [...(byCell.get(r.cellIndex) ?? []), r]);
  const cells = [...byCell.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cellIndex, rs]) => {
      const aucs = rs.map((r) => r.auc).filter((a) => !Number.isNaN(a));
      const meanAuc = aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : NaN;
      const stdAuc = aucs.length ? Math.sqrt(aucs.reduce((a, v) => a + (v - meanAuc) ** 2, 0) / aucs.length) : NaN;
      return { cellIndex, cell: rs[0].cell, meanAuc, stdAuc, nFolds: aucs.length };
    });
  let best: GridCellSummary | null = null;
  for (const c of cells) if (!Number.isNaN(c.meanAuc) && (best === null || c.meanAuc > best.meanAuc)) best = c;
  return { cells, best };
}
