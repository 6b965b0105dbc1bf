import type { ArtifactStore } from '../../artifacts/store';
import { readTrainingMatrix } from '../../artifacts/training-matrix';
import { stratifiedKFold, stratifiedTrainTestSplit, takeLabels, takeRows, type FeatureMatrix, type Labels } from '../../learn';

/** A run's training matrix split the same way by every activity that asks with the same seed. */
export interface ChurnData {
  names: string[];
  train: { x: FeatureMatrix; y: Labels };
  test: { x: FeatureMatrix; y: Labels };
}

const cache = new Map<string, ChurnData>();

/**
 * Reads a training matrix export and splits it 80/20 (stratified, seeded). Memoised per stored
 * version and split, because one worker runs many grid units on the same matrix.
 */
export async function loadChurnData(store: ArtifactStore, key: string, seed: number, testFraction: number): Promise<ChurnData> {
  const id = `${store.location}:${key}:${await store.version(key)}:${seed}:${testFraction}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const m = await readTrainingMatrix(store, key);
  const all: FeatureMatrix = { nRows: m.uids.length, names: m.names, columns: m.columns };
  const { train, test } = stratifiedTrainTestSplit(m.labels, { testFraction, seed });
  const data = {
    names: m.names,
    train: { x: takeRows(all, train), y: takeLabels(m.labels, train) },
    test: { x: takeRows(all, test), y: takeLabels(m.labels, test) },
  };
  if (cache.size >= 4) cache.delete(cache.keys().next().value!);
  cache.set(id, data);
  return data;
}

const foldCache = new Map<string, Int32Array>();

/** Fold of every training row for k-fold cross-validation, seeded like the split. */
export function foldsOf(data: ChurnData, folds: number, seed: number): Int32Array {
  const id = `${folds}:${seed}:${data.train.y.length}`;
  let f = foldCache.get(id);
  if (!f || f.length !== data.train.y.length) {
    f = stratifiedKFold(data.train.y, { k: folds, seed });
    foldCache.set(id, f);
  }
  return f;
}
