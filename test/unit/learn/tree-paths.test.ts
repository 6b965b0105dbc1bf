import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permutationImportance } from '../../../learn/importance/permutation';
import { TreePathCache } from '../../../learn/importance/tree-paths';
import { GradientBoostingClassifier } from '../../../learn/trees/gradient-boosting';
import { RandomForestClassifier } from '../../../learn/trees/random-forest';
import type { FeatureMatrix } from '../../../learn/types';
import { logisticDataset } from './fixtures';

/** Reversed rows of one column: a replacement that moves most rows to other leaves. */
const reversed = (x: FeatureMatrix, j: number) => Float64Array.from(x.columns[j]).reverse();

test('a forest and a booster re-predicted with one column replaced equal a full prediction of the changed matrix, to the bit', async () => {
  // 40 features: feature j and j + 32 share a path bit, so both reuse and needless recomputation are exercised.
  const { x, y } = logisticDataset(700, 40, 21);
  const forest = await new RandomForestClassifier({ nTrees: 12, maxDepth: 8, minSamplesLeaf: 3, seed: 2, threads: 1 }).train(x, y);
  const booster = new GradientBoostingClassifier({ nRounds: 15, maxDepth: 3, seed: 2, threads: 1 }).train(x, y);
  for (const model of [forest, booster]) {
    const cache = new TreePathCache(model.additiveTrees(), x);
    for (const j of [0, 5, 33, 39]) {
      const columns = x.columns.slice();
      columns[j] = reversed(x, j);
      assert.deepEqual(cache.predictWith(j, columns[j]), model.predictProba({ ...x, columns }), `feature ${j}`);
    }
  }
});

test('permutation importance of a tree model is the same through the path cache as through full predictions', async () => {
  const { x, y } = logisticDataset(600, 6, 4);
  const forest = await new RandomForestClassifier({ nTrees: 10, maxDepth: 6, seed: 1, threads: 1 }).train(x, y);
  // The same model seen only through predictProba takes the plain path.
  const plain = { predictProba: (m: FeatureMatrix) => forest.predictProba(m) };
  const viaCache = permutationImportance(forest, x, y, { repeats: 2, seed: 3 });
  assert.deepEqual(viaCache, permutationImportance(plain, x, y, { repeats: 2, seed: 3 }));
  assert.ok(viaCache.mean.some((m) => m > 0.01), 'some feature matters');
});
