import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rocAuc } from '../../../learn/metrics';
import { mulberry32 } from '../../../learn/random';
import {
  applyBins,
  binMatrix,
  computeBinThresholds,
  growTree,
  predictBinned,
  predictRaw,
  GradientBoostingClassifier,
  RandomForestClassifier,
  treeDepth,
  type BinnedMatrix,
  type FlatTree,
  type GrownTree,
} from '../../../learn/trees';
import type { FeatureMatrix } from '../../../learn/types';
import { headTail, logisticDataset } from './fixtures';

const matrix = (columns: number[][]): FeatureMatrix => ({
  nRows: columns[0].length,
  names: columns.map((_, j) => `x${j}`),
  columns: columns.map((c) => Float64Array.from(c)),
});

/** Leaf reached by each row, walking raw thresholds. */
const leafOf = (tree: FlatTree, x: FeatureMatrix, row: number): number => {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = x.columns[tree.feature[node]][row] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return node;
};

const noisy = (n: number, seed: number) => {
  const rng = mulberry32(seed);
  const x = matrix([0, 1, 2].map(() => Array.from({ length: n }, () => Math.floor(rng() * 50))));
  const y = Uint8Array.from({ length: n }, (_, i) => (x.columns[0][i] + 25 * rng() > 37 ? 1 : 0));
  return { x, y };
};

test('bin edges sit between distinct values; a constant column has one bin', () => {
  assert.deepEqual(Array.from(computeBinThresholds(Float64Array.from([3, 1, 2, 2, 1]))), [1.5, 2.5]);
  assert.equal(computeBinThresholds(Float64Array.from([7, 7, 7])).length, 0);
  const many = Float64Array.from({ length: 1000 }, (_, i) => i);
  const edges = computeBinThresholds(many, 4);
  assert.deepEqual(Array.from(edges), [249.5, 499.5, 749.5]);
  const binned = binMatrix(matrix([[5, 1, 3], [2, 2, 2]]));
  assert.deepEqual(Array.from(binned.codes[0]), [2, 0, 1]);
  assert.deepEqual(Array.from(binned.nBins), [3, 1]);
});

test('a depth-1 forest tree on separable data has pure leaves and 0/1 probabilities', async () => {
  const x = matrix([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]]);
  const y = Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  const rf = await new RandomForestClassifier({ nTrees: 1, maxDepth: 1, bootstrap: false, maxFeatures: 'all', threads: 1 }).train(x, y);
  const tree = rf.fittedTrees[0];
  assert.equal(tree.feature[0], 0);
  assert.equal(tree.threshold[0], 4.5);
  assert.deepEqual(Array.from(rf.predictProba(x)), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  assert.deepEqual(Array.from(rf.featureImportances()), [1, 0]);
});

test('max depth and min samples per leaf are respected', async () => {
  const { x, y } = noisy(400, 1);
  for (const [maxDepth, minSamplesLeaf] of [[3, 1], [30, 15]]) {
    const rf = await new RandomForestClassifier({ nTrees: 3, maxDepth, minSamplesLeaf, bootstrap: false, threads: 1 }).train(x, y);
    for (const tree of rf.fittedTrees) {
      assert.ok(treeDepth(tree) <= maxDepth);
      const sizes = new Map<number, number>();
      for (let r = 0; r < x.nRows; r++) sizes.set(leafOf(tree, x, r), (sizes.get(leafOf(tree, x, r)) ?? 0) + 1);
      assert.ok(Math.min(...sizes.values()) >= minSamplesLeaf);
    }
  }
  const deep = await new RandomForestClassifier({ nTrees: 1, bootstrap: false, threads: 1 }).train(x, y);
  assert.ok(treeDepth(deep.fittedTrees[0]) > 3);
});

test('a constant feature is never split on', async () => {
  const { x, y } = noisy(300, 2);
  const withConstant = { ...x, names: [...x.names, 'flat'], columns: [...x.columns, new Float64Array(300).fill(4)] };
  const rf = await new RandomForestClassifier({ nTrees: 5, maxFeatures: 'all', threads: 1 }).train(withConstant, y);
  for (const tree of rf.fittedTrees) assert.ok(!tree.feature.includes(3));
  assert.equal(rf.featureImportances()[3], 0);
});

/** Exhaustive gini tree: every feature, every threshold, same tie rule (first strictly better). */
/** A grown tree's splits in depth-first order as "depth:feature@threshold", to compare with a brute-force search. */
function splitsOf(grown: GrownTree, binned: BinnedMatrix): string[] {
  const out: string[] = [];
  const walk = (node: number, depth: number) => {
    const f = grown.feature[node];
    if (f < 0) return;
    out.push(`${depth}:${f}@${binned.thresholds[f][grown.bin[node]]}`);
    walk(grown.left[node], depth + 1);
    walk(grown.right[node], depth + 1);
  };
  walk(0, 0);
  return out;
}

for (const histograms of ['subtract', 'direct'] as const) {
  for (const minSamplesLeaf of [1, 7]) {
    test(`${histograms} histogram splits match an exhaustive search (min leaf ${minSamplesLeaf})`, () => {
      const { x, y } = noisy(400, 3);
      const binned = binMatrix(x);
      const grown = growTree(
        {
          codes: binned.codes,
          nBins: binned.nBins,
          grad: Float64Array.from(y),
          hess: new Float64Array(400).fill(1),
          rows: Int32Array.from({ length: 400 }, (_, i) => i),
          features: Int32Array.from([0, 1, 2]),
        },
        { maxDepth: 6, minSamplesLeaf, minChildWeight: 0, l2: 0, minGain: 0, featuresPerSplit: 3, histograms },
      );
      const fromTree = splitsOf(grown, binned);
      const expected: string[] = [];
      // Unit hessians and no regularisation: the Newton gain is the variance gain of a regression tree.
      const limits = { maxDepth: 6, minLeaf: minSamplesLeaf, minChildWeight: 0, l2: 0 };
      bruteForceNewtonSplits(x, Float64Array.from(y), new Float64Array(400).fill(1), Array.from({ length: 400 }, (_, i) => i), 0, limits, expected);
      assert.ok(expected.length > 15, `only ${expected.length} splits`);
      assert.deepEqual(fromTree, expected);
    });
  }
}

/** Exhaustive Newton-gain tree over the given rows: same gain, constraints and tie rule as the tree builder. */
function bruteForceNewtonSplits(
  x: FeatureMatrix,
  grad: Float64Array,
  hess: Float64Array,
  rows: number[],
  depth: number,
  limits: { maxDepth: number; minLeaf: number; minChildWeight: number; l2: number },
  out: string[],
): void {
  if (depth >= limits.maxDepth) return;
  const sums = (rs: number[]) => rs.reduce(([g, h], r) => [g + grad[r], h + hess[r]], [0, 0]);
  const score = ([g, h]: number[]) => (g * g) / (h + limits.l2);
  const parent = score(sums(rows));
  let best = { gain: 0, feature: -1, threshold: 0 };
  x.columns.forEach((column, f) => {
    const values = [...new Set(column)].sort((a, b) => a - b);
    for (let k = 0; k + 1 < values.length; k++) {
      const t = (values[k] + values[k + 1]) / 2;
      const left = rows.filter((r) => column[r] <= t);
      const right = rows.filter((r) => column[r] > t);
      if (left.length < limits.minLeaf || right.length < limits.minLeaf) continue;
      const [sl, sr] = [sums(left), sums(right)];
      if (sl[1] < limits.minChildWeight || sr[1] < limits.minChildWeight) continue;
      const gain = score(sl) + score(sr) - parent;
      if (gain > best.gain) best = { gain, feature: f, threshold: t };
    }
  });
  if (best.feature < 0) return;
  out.push(`${depth}:${best.feature}@${best.threshold}`);
  const column = x.columns[best.feature];
  bruteForceNewtonSplits(x, grad, hess, rows.filter((r) => column[r] <= best.threshold), depth + 1, limits, out);
  bruteForceNewtonSplits(x, grad, hess, rows.filter((r) => column[r] > best.threshold), depth + 1, limits, out);
}

test('histogram splits keep min samples per leaf exactly when hessians vary, as in boosting', () => {
  const rng = mulberry32(9);
  const n = 2000;
  const x = matrix([0, 1, 2].map(() => Array.from({ length: n }, () => Math.floor(rng() * 40))));
  // Outsized gradients on a few extreme values tempt splits that cut off fewer rows than allowed.
  const grad = Float64Array.from({ length: n }, (_, i) => (x.columns[0][i] >= 39 || x.columns[1][i] === 0 ? 2 : rng() - 0.5));
  const hess = Float64Array.from({ length: n }, () => (rng() < 0.1 ? 0.25 : 0.01 + 0.05 * rng()));
  const binned = binMatrix(x);
  const limits = { maxDepth: 5, minLeaf: 15, minChildWeight: 1e-3, l2: 0.1 };
  const grown = growTree(
    {
      codes: binned.codes,
      nBins: binned.nBins,
      grad,
      hess,
      rows: Int32Array.from({ length: n }, (_, i) => i),
      features: Int32Array.from([0, 1, 2]),
    },
    {
      maxDepth: limits.maxDepth,
      minSamplesLeaf: limits.minLeaf,
      minChildWeight: limits.minChildWeight,
      l2: limits.l2,
      minGain: 0,
      featuresPerSplit: 3,
      histograms: 'subtract',
    },
  );
  const fromTree = splitsOf(grown, binned);
  const expected: string[] = [];
  bruteForceNewtonSplits(x, grad, hess, Array.from({ length: n }, (_, i) => i), 0, limits, expected);
  assert.ok(expected.length > 8, `only ${expected.length} splits: ${expected.join(' ')}`);
  assert.deepEqual(fromTree, expected);
  for (let node = 0; node < grown.feature.length; node++) {
    if (grown.feature[node] < 0) assert.ok(grown.count[node] >= limits.minLeaf);
  }
});

test('a grown tree lists the rows of every node, each leaf holding the rows that reach it', () => {
  const { x, y } = noisy(300, 8);
  const binned = binMatrix(x);
  const rows = Int32Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 !== 0);
  const grown = growTree(
    {
      codes: binned.codes,
      nBins: binned.nBins,
      grad: Float64Array.from(y),
      hess: new Float64Array(300).fill(1),
      rows,
      features: Int32Array.from([0, 1, 2]),
    },
    { maxDepth: 3, minSamplesLeaf: 5, minChildWeight: 0, l2: 0, minGain: 0, featuresPerSplit: 3 },
  );
  const tree = { ...grown, threshold: new Float64Array(grown.feature.length), value: new Float64Array(grown.feature.length) };
  const byLeaf = new Map<number, number[]>();
  for (const r of rows) {
    let node = 0;
    while (tree.feature[node] >= 0) node = binned.codes[tree.feature[node]][r] <= tree.bin[node] ? tree.left[node] : tree.right[node];
    byLeaf.set(node, [...(byLeaf.get(node) ?? []), r]);
  }
  assert.ok(byLeaf.size > 3);
  assert.deepEqual([grown.start[0], grown.end[0]], [0, rows.length]);
  for (let node = 0; node < grown.feature.length; node++) {
    assert.equal(grown.end[node] - grown.start[node], grown.count[node]);
    if (grown.feature[node] >= 0) continue;
    const listed = Array.from(grown.rows.subarray(grown.start[node], grown.end[node])).sort((a, b) => a - b);
    assert.deepEqual(listed, byLeaf.get(node));
  }
});

test('forest is identical for a seed whatever the thread count, and survives JSON', async () => {
  const { x, y } = logisticDataset(1500, 6, 11);
  const options = { nTrees: 6, maxDepth: 8, minSamplesLeaf: 3, seed: 42 };
  const one = await new RandomForestClassifier({ ...options, threads: 1 }).train(x, y);
  const two = await new RandomForestClassifier({ ...options, threads: 2 }).train(x, y);
  assert.deepEqual(two.predictProba(x), one.predictProba(x));
  assert.deepEqual(two.featureImportances(), one.featureImportances());
  const other = await new RandomForestClassifier({ ...options, seed: 43, threads: 1 }).train(x, y);
  assert.notDeepEqual(other.predictProba(x), one.predictProba(x));
  const loaded = RandomForestClassifier.load(JSON.parse(JSON.stringify(one.toJSON())));
  assert.deepEqual(loaded.predictProba(x), one.predictProba(x));
  const sum = one.featureImportances().reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-12);
});

test('boosting starts from the base-rate log-odds and takes Newton steps', () => {
  const x = matrix([[0, 1, 2, 3, 4, 5, 6, 7]]);
  const y = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  const none = new GradientBoostingClassifier({ nRounds: 0 }).train(x, Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1]));
  // Base rate 5/8, so the constant prediction is 5/8.
  for (const p of none.predictProba(x)) assert.ok(Math.abs(p - 5 / 8) < 1e-12);
  // Base rate 1/2: left leaf g = 0.5, h = 0.25 per row -> step −2; right leaf +2.
  const one = new GradientBoostingClassifier({ nRounds: 1, maxDepth: 1, learningRate: 1, minSamplesLeaf: 1 }).train(x, y);
  const expected = [0, 0, 0, 0, 1, 1, 1, 1].map((l) => 1 / (1 + Math.exp(l ? -2 : 2)));
  one.predictProba(x).forEach((p, i) => assert.ok(Math.abs(p - expected[i]) < 1e-12));
});

test('forest and boosting learn a logistic ground truth (AUC > 0.75 vs 0.5 trivial)', async () => {
  const { x, y } = logisticDataset(5000, 8, 5);
  const { train, test: held } = headTail(x, y, 4000);
  const trivial = rocAuc(held.y, new Float64Array(held.y.length).fill(0.3));
  assert.equal(trivial, 0.5);
  const rf = await new RandomForestClassifier({ nTrees: 30, minSamplesLeaf: 5, threads: 2 }).train(train.x, train.y);
  const gbt = new GradientBoostingClassifier({ nRounds: 60, subsample: 0.8, featureFraction: 0.7, seed: 1 }).train(train.x, train.y);
  assert.ok(rocAuc(held.y, rf.predictProba(held.x)) > 0.75);
  assert.ok(rocAuc(held.y, gbt.predictProba(held.x)) > 0.75);
  const importance = gbt.featureImportances();
  assert.equal(importance.indexOf(Math.max(...importance)), 0);
  const loaded = GradientBoostingClassifier.load(JSON.parse(JSON.stringify(gbt.toJSON())));
  assert.deepEqual(loaded.predictProba(held.x), gbt.predictProba(held.x));
  const again = new GradientBoostingClassifier({ nRounds: 60, subsample: 0.8, featureFraction: 0.7, seed: 1 }).train(train.x, train.y);
  assert.deepEqual(again.predictProba(held.x), gbt.predictProba(held.x));
});

test('predicting refuses a matrix with different features', async () => {
  const { x, y } = noisy(50, 4);
  const rf = await new RandomForestClassifier({ nTrees: 1, threads: 1 }).train(x, y);
  assert.throws(() => rf.predictProba({ ...x, names: ['a', 'b', 'c'] }), /reorder or rebuild/);
});

test('raw values and their bin codes reach the same leaves, including unseen values and NaN', async () => {
  const { x, y } = noisy(300, 6);
  const rf = await new RandomForestClassifier({ nTrees: 3, minSamplesLeaf: 2, threads: 1 }).train(x, y);
  const json = rf.toJSON();
  const rng = mulberry32(12);
  const fresh = matrix([0, 1, 2].map(() => Array.from({ length: 200 }, (_, i) => (i === 0 ? NaN : rng() * 60 - 5))));
  const binned = applyBins(fresh, json.binEdges.map((e) => Float64Array.from(e)));
  for (const tree of rf.fittedTrees) {
    for (let r = 0; r < fresh.nRows; r++) assert.equal(predictBinned(tree, binned.codes, r), predictRaw(tree, fresh.columns, r));
  }
});

test('boosting gives the same model on one thread and with histogram helper threads', () => {
  // Enough rows that the root's histogram is split into the most row blocks.
  const { x, y } = logisticDataset(24000, 6, 21);
  const options = { nRounds: 15, maxDepth: 4, subsample: 0.7, featureFraction: 0.8, seed: 3 };
  const one = new GradientBoostingClassifier({ ...options, threads: 1 }).train(x, y);
  for (const threads of [2, 3]) {
    const shared = new GradientBoostingClassifier({ ...options, threads }).train(x, y);
    assert.deepEqual(shared.toJSON().trees, one.toJSON().trees);
  }
});
