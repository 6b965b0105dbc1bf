import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRatingsMatrix, ItemItemModel, NmfModel, type FitProgress } from '../../../recommend';
import { columns } from './fixtures';

// 2,500 songs, each rated by a few of 300 users: enough songs for item-item to pause more than once.
const triples: [number, number, number][] = [];
for (let s = 1; s <= 2500; s++) for (let r = 0; r < 3; r++) triples.push([1 + ((s * 7 + r * 131) % 300), s, 1 + ((s + r) % 5)]);
const matrix = buildRatingsMatrix(columns(triples), { minRatedSongs: 1 });

function stepped<T>(steps: Generator<FitProgress, T, void>): { model: T; progress: FitProgress[] } {
  const progress: FitProgress[] = [];
  for (;;) {
    const step = steps.next();
    if (step.done) return { model: step.value, progress };
    progress.push(step.value);
  }
}

test('a fit resumed step by step pauses between units of work, counting up, and ends in the model the one-go fit gives', () => {
  const options = { components: 3, seed: 1, tolerance: 1e-2 };
  const nmf = stepped(NmfModel.fitSteps(matrix, options));
  const once = NmfModel.fit(matrix, options);
  assert.deepEqual(nmf.model.toJSON(), once.toJSON());
  assert.ok(once.iterations > 2 && once.iterations < 200, `${once.iterations} passes`);
  // A pause after every pass but the last (the one that meets the tolerance).
  assert.equal(nmf.progress.length, once.iterations - 1);
  assert.deepEqual(nmf.progress.map((p) => p.done), Array.from({ length: once.iterations - 1 }, (_, i) => i + 1));

  const itemItem = stepped(ItemItemModel.fitSteps(matrix, { neighbours: 5 }));
  assert.deepEqual(itemItem.model.toJSON(), ItemItemModel.fit(matrix, { neighbours: 5 }).toJSON());
  assert.deepEqual(itemItem.progress, [
    { done: 1000, of: 2500, unit: 'songs' },
    { done: 2000, of: 2500, unit: 'songs' },
  ]);
});
