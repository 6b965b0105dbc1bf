import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rocAuc } from '../../../learn/metrics';
import { foldIndices, stratifiedKFold, stratifiedTrainTestSplit } from '../../../learn/split';
import { mulberry32 } from '../../../learn/random';


test('train/test split keeps class shares and covers every row once', () => {
  const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const { train, test: held } = stratifiedTrainTestSplit(labels, { seed: 4 });
  assert.equal(held.length, 200);
  assert.equal(train.length, 800);
  assert.equal(Array.from(held).filter((i) => labels[i] === 1).length, 20);
  const seen = new Set([...train, ...held]);
  assert.equal(seen.size, 1000);
  assert.deepEqual(stratifiedTrainTestSplit(labels, { seed: 4 }), { train, test: held });
  assert.notDeepEqual(stratifiedTrainTestSplit(labels, { seed: 5 }).test, held);
});

test('k-fold balances classes and fold sizes', () => {
  const rng = mulberry32(2);
  const labels = Uint8Array.from({ length: 103 }, () => (rng() < 0.25 ? 1 : 0));
  const positives = labels.reduce((a, b) => a + b, 0);
  const folds = stratifiedKFold(labels, { k: 5, seed: 1 });
  const sizes = [0, 0, 0, 0, 0];
  const pos = [0, 0, 0, 0, 0];
  folds.forEach((f, i) => {
    sizes[f]++;
    pos[f] += labels[i];
  });
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
  assert.ok(Math.max(...pos) - Math.min(...pos) <= 1);
  assert.equal(pos.reduce((a, b) => a + b, 0), positives);
  const { train, test: held } = foldIndices(folds, 2);
  assert.equal(train.length + held.length, 103);
  assert.ok(Array.from(held).every((i) => folds[i] === 2));
});

test('a class rarer than k leaves some folds without it, and their AUC is NaN', () => {
  const labels = new Uint8Array(20);
  labels[3] = labels[11] = labels[17] = 1;
  const folds = stratifiedKFold(labels, { k: 5, seed: 0 });
  const foldsWithPositive = new Set(Array.from(labels.keys()).filter((i) => labels[i] === 1).map((i) => folds[i]));
  assert.equal(foldsWithPositive.size, 3);
  const missing = [0, 1, 2, 3, 4].find((f) => !foldsWithPositive.has(f)) as number;
  const { test: held } = foldIndices(folds, missing);
  assert.ok(held.length >= 4);
  const heldLabels = Uint8Array.from(held, (i) => labels[i]);
  assert.ok(Number.isNaN(rocAuc(heldLabels, Array.from(held, () => 0.5))));
});

test('k-fold refuses more folds than rows', () => {
  assert.throws(() => stratifiedKFold(new Uint8Array(3), { k: 5 }), /cannot make 5 folds/);
});
