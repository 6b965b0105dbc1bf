/**
 * The design card's reference point: `ml-random-forest` (the JavaScript forest whose split
 * search is quadratic) against our forest on the same first `rows` training rows, same
 * settings (10 trees, depth 20, min leaf 20, sqrt features, seed 1), AUC on the whole test
 * split. Prints one JSON line per side for compare.ts.
 * Usage: node --import tsx bench/churn/ml-random-forest.ts <data dir> [rows]
 */
import * as path from 'node:path';
import { RandomForestClassifier as MlRandomForest } from 'ml-random-forest';
import { RandomForestClassifier, rocAuc, takeLabels, takeRows, type FeatureMatrix } from '../../learn';
import { loadDataset } from './load-dataset';

const dir = process.argv[2] ?? path.join(__dirname, '..', 'out', 'churn');
const rows = Number(process.argv[3] ?? 5000);
const { x, y, train, test } = loadDataset(dir);
const subset = train.subarray(0, rows);
const trainX = takeRows(x, subset);
const trainY = takeLabels(y, subset);
const testX = takeRows(x, test);
const testY = takeLabels(y, test);
const features = x.names.length;

/** Row-major number[][] for ml-random-forest. */
const toRows = (m: FeatureMatrix): number[][] => Array.from({ length: m.nRows }, (_, i) => m.columns.map((c) => c[i]));

async function timed<T>(fit: () => T | Promise<T>): Promise<{ value: T; fitSeconds: number; cpuSeconds: number }> {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await fit();
  const used = process.cpuUsage(cpu);
  return { value, fitSeconds: Number(process.hrtime.bigint() - wall) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function main(): Promise<void> {
  const settings = { nTrees: 10, maxDepth: 20, minSamplesLeaf: 20, seed: 1 };
  const ours = await timed(() => new RandomForestClassifier({ ...settings, maxFeatures: 'sqrt' }).train(trainX, trainY));
  const oursAuc = rocAuc(testY, ours.value.predictProba(testX));
  console.log(JSON.stringify({ side: 'ours', model: 'forest-subsample', rows, auc: oursAuc, fitSeconds: ours.fitSeconds, cpuSeconds: ours.cpuSeconds }));

  const peer = await timed(() => {
    const forest = new MlRandomForest({
      nEstimators: settings.nTrees,
      maxFeatures: Math.floor(Math.sqrt(features)),
      replacement: true,
      useSampleBagging: true,
      noOOB: true,
      seed: settings.seed,
      treeOptions: { maxDepth: settings.maxDepth, minNumSamples: settings.minSamplesLeaf },
    });
    forest.train(toRows(trainX), Array.from(trainY));
    return forest;
  });
  // Probability of churn = share of trees voting 1.
  const votes = peer.value.predictionValues(toRows(testX));
  const proba = Float64Array.from({ length: votes.rows }, (_, i) => votes.getRow(i).filter((v: number) => v === 1).length / votes.columns);
  console.log(JSON.stringify({ side: 'ml-random-forest', model: 'forest-subsample', rows, auc: rocAuc(testY, proba), fitSeconds: peer.fitSeconds, cpuSeconds: peer.cpuSeconds }));
}

void main();
