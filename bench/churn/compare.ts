import { readFileSync } from 'node:fs';

/** Prints our results next to scikit-learn's, with AUC differences and time ratios. */
interface Row {
  side: string;
  model: string;
  auc?: number;
  fitSeconds?: number;
  cpuSeconds?: number;
  fullGridCpuSeconds?: number;
  timedCpuSeconds?: number;
  fullGridSeconds?: number;
  timedSeconds?: number;
  timedUnits?: number;
  cell?: unknown;
}
const read = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Row);
const cpu = (r: Row): string => (r.cpuSeconds === undefined ? '—' : r.cpuSeconds.toFixed(2));
const ours = read(process.argv[2]);
const theirs = read(process.argv[3]);
const peerName: Record<string, string> = {
  logistic: 'LogisticRegression (StandardScaler, C=1)',
  forest: 'RandomForestClassifier (n_jobs=-1)',
  boosting: 'HistGradientBoostingClassifier',
};
console.log(
  '| model | our AUC | sklearn AUC | ΔAUC (ours − sklearn) | our fit s | sklearn fit s | wall ratio (ours/sklearn) | our CPU s | sklearn CPU s | CPU ratio | sklearn peer |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const name of ['logistic', 'forest', 'boosting']) {
  const a = ours.find((r) => r.model === name);
  const b = theirs.find((r) => r.model === name);
  if (!a || !b || a.auc === undefined || b.auc === undefined || !a.fitSeconds || !b.fitSeconds) continue;
  console.log(
    `| ${name} | ${a.auc.toFixed(4)} | ${b.auc.toFixed(4)} | ${(a.auc - b.auc).toFixed(4)} | ${a.fitSeconds.toFixed(2)} | ${b.fitSeconds.toFixed(2)} | ${(a.fitSeconds / b.fitSeconds).toFixed(2)} | ` +
      `${cpu(a)} | ${cpu(b)} | ${a.cpuSeconds && b.cpuSeconds ? (a.cpuSeconds / b.cpuSeconds).toFixed(2) : '—'} | ${peerName[name]} |`,
  );
}
// The design card's reference point, on a training subsample (bench/churn/ml-random-forest.ts).
const subsample = process.argv[4] ? read(process.argv[4]) : [];
const mine = subsample.find((r) => r.side === 'ours');
const ml = subsample.find((r) => r.side === 'ml-random-forest');
if (mine && ml && mine.auc !== undefined && ml.auc !== undefined && mine.fitSeconds && ml.fitSeconds) {
  console.log('');
  console.log(`ml-random-forest on the first ${(ml as Row & { rows?: number }).rows} training rows, 10 trees, depth 20, min leaf 20, sqrt features:`);
  console.log(`  ours AUC ${mine.auc.toFixed(4)} in ${mine.fitSeconds.toFixed(2)} s (CPU ${cpu(mine)} s); ml-random-forest AUC ${ml.auc.toFixed(4)} in ${ml.fitSeconds.toFixed(2)} s (CPU ${cpu(ml)} s); ratio ${(ml.fitSeconds / mine.fitSeconds).toFixed(0)}× in our favour`);
}
const units = ours.filter((r) => r.model === 'grid-unit');
const estimate = ours.find((r) => r.model === 'grid-estimate');
if (estimate) {
  console.log('');
  console.log('Grid units timed (fold 0 of each 100-tree cell, training on 4/5 of the train split):');
  for (const u of units) console.log(`  ${JSON.stringify(u.cell)}  AUC ${u.auc?.toFixed(4)}  ${u.fitSeconds?.toFixed(2)} s wall, ${cpu(u)} s CPU`);
  console.log(
    `Full 18 × 5 grid, run unit after unit: ≈ ${estimate.fullGridSeconds?.toFixed(0)} s ` +
      `(= 5 folds × 3 [100 + 200 trees] × ${estimate.timedSeconds?.toFixed(1)} s); ` +
      `CPU ≈ ${estimate.fullGridCpuSeconds?.toFixed(0)} s, i.e. ≈ ${((estimate.fullGridCpuSeconds ?? 0) / 2).toFixed(0)} s on 2 idle cores`,
  );
}
