import * as path from 'node:path';
import {
  GradientBoostingClassifier,
  LogisticRegression,
  RandomForestClassifier,
  defaultGrid,
  gridUnits,
  rocAuc,
  runGridUnit,
  stratifiedKFold,
  takeLabels,
  takeRows,
  type FeatureMatrix,
  type Labels,
} from '../../learn';
import { loadDataset } from './load-dataset';

/** Trains our three models on the benchmark split; prints one JSON line per result. */
async function main(): Promise<void> {
  const dir = process.argv[2] ?? path.join(__dirname, '..', 'out', 'churn');
  const skipGrid = process.argv.includes('--no-grid');
  const { x, y, train, test } = loadDataset(dir);
  const trainX = takeRows(x, train);
  const trainY = takeLabels(y, train);
  const testX = takeRows(x, test);
  const testY = takeLabels(y, test);

  const timed = async (name: string, fit: () => Promise<{ predictProba(m: FeatureMatrix): Float64Array }>) => {
    const clock = startClock();
    const model = await fit();
    const { seconds, cpuSeconds } = clock();
    const auc = rocAuc(testY, model.predictProba(testX));
    console.log(JSON.stringify({ side: 'ours', model: name, auc, fitSeconds: seconds, cpuSeconds }));
  };
  await timed('logistic', async () => new LogisticRegression({ C: 1 }).train(trainX, trainY));
  await timed('forest', () =>
    new RandomForestClassifier({ nTrees: 50, maxDepth: 20, minSamplesLeaf: 20, maxFeatures: 'sqrt', seed: 1 }).train(trainX, trainY),
  );
  await timed('boosting', async () =>
    new GradientBoostingClassifier({
      nRounds: 200,
      maxDepth: 3,
      learningRate: 0.2,
      subsample: 0.8,
      featureFraction: 0.7,
      seed: 1,
    }).train(trainX, trainY),
  );
  if (!skipGrid) await timeGrid(trainX, trainY);
}

/**
 * Times fold 0 of every 100-tree cell; a 200-tree cell costs about twice its 100-tree
 * twin, so the full 18 × 5 grid ≈ 5 folds × 3 × (sum over the 9 timed units).
 */
async function timeGrid(x: FeatureMatrix, y: Labels): Promise<void> {
  const folds = stratifiedKFold(y, { k: 5, seed: 1 });
  const units = gridUnits(defaultGrid(), 5).filter((u) => u.fold === 0 && u.cell.nTrees === 100);
  let total = 0;
  let totalCpu = 0;
  for (const unit of units) {
    const clock = startClock();
    const result = await runGridUnit(x, y, unit, folds);
    const { seconds, cpuSeconds } = clock();
    total += seconds;
    totalCpu += cpuSeconds;
    console.log(
      JSON.stringify({ side: 'ours', model: 'grid-unit', cell: unit.cell, fold: unit.fold, auc: result.auc, fitSeconds: seconds, cpuSeconds }),
    );
  }
  console.log(
    JSON.stringify({
      side: 'ours',
      model: 'grid-estimate',
      timedUnits: units.length,
      timedSeconds: total,
      timedCpuSeconds: totalCpu,
      fullGridSeconds: 5 * 3 * total,
      fullGridCpuSeconds: 5 * 3 * totalCpu,
    }),
  );
}

/** Wall and process CPU time (all threads, so worker threads count too). */
function startClock(): () => { seconds: number; cpuSeconds: number } {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: Number(process.hrtime.bigint() - wall) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
