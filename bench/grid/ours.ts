/**
 * Our side of the grid benchmark: the seed grid (18 cells × 5 folds) on a run's training matrix,
 * split and folded exactly as the pipeline's grid activities do (80/20 stratified split and 5
 * stratified folds, seed 42), one shared forest per (min leaf, fold) on `threads` threads, one
 * after another. Also writes the training split and its folds for the scikit-learn side.
 *   node --import tsx bench/grid/ours.ts <training.arrows> <out dir> [threads=2]
 * Prints one JSON line: wall and CPU seconds, each cell's mean AUC, the best cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldsOf, loadChurnData } from '../../activities/training/churn-data';
import { LocalFolderStore } from '../../artifacts/store';
import { runSharedForestUnit, summariseGrid, type GridUnitResult } from '../../learn';
import { gridForestGroups, SEED_GRID } from '../../messages/churn';

const SEED = 42;
const FOLDS = 5;

async function main(): Promise<void> {
  const [matrix, out, threadArg] = process.argv.slice(2);
  if (!matrix || !out) throw new Error('usage: ours.ts <training.arrows> <out dir> [threads]');
  const threads = Number(threadArg ?? 2);
  fs.mkdirSync(out, { recursive: true });
  const file = path.resolve(matrix);
  const data = await loadChurnData(new LocalFolderStore(path.dirname(path.dirname(file))), `${path.basename(path.dirname(file))}/${path.basename(file)}`, SEED, 0.2);
  const folds = foldsOf(data, FOLDS, SEED);
  const { x, y } = data.train;
  const columnMajor = new Float64Array(x.nRows * x.columns.length);
  x.columns.forEach((c, j) => columnMajor.set(c, j * x.nRows));
  fs.writeFileSync(path.join(out, 'x.f64'), columnMajor);
  fs.writeFileSync(path.join(out, 'y.u8'), y);
  fs.writeFileSync(path.join(out, 'folds.i32'), folds);
  fs.writeFileSync(path.join(out, 'meta.json'), JSON.stringify({ nRows: x.nRows, names: x.names, grid: SEED_GRID }));

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results: GridUnitResult[] = [];
  for (const group of gridForestGroups(SEED_GRID)) {
    for (let fold = 0; fold < FOLDS; fold++) results.push(...(await runSharedForestUnit(x, y, group, fold, folds, { seed: SEED, threads })));
  }
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const summary = summariseGrid(results);
  console.log(
    JSON.stringify({
      side: 'ours',
      rows: x.nRows,
      threads,
      wall,
      cpu: (used.user + used.system) / 1e6,
      cells: summary.cells.map((c) => ({ ...c.cell, meanAuc: c.meanAuc })),
      best: summary.best && { ...summary.best.cell, meanAuc: summary.best.meanAuc, stdAuc: summary.best.stdAuc },
    }),
  );
}

void main();
