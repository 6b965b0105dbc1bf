import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { trainingThreadShare } from '../../../cli/stack';
import { resolveSettings } from '../../../config/settings';

test('the machine has one thread budget: every core unless MUSICBOX_THREADS says otherwise', () => {
  assert.equal(resolveSettings({}, '/w').threads, os.availableParallelism());
  assert.equal(resolveSettings({ MUSICBOX_THREADS: '3' }, '/w').threads, 3);
  assert.throws(() => resolveSettings({ MUSICBOX_THREADS: '0' }, '/w'), /MUSICBOX_THREADS/);
  assert.throws(() => resolveSettings({ MUSICBOX_THREADS: 'many' }, '/w'), /MUSICBOX_THREADS/);
});

test('the local stack splits the budget among its training workers, so processes × threads stays within it', () => {
  const share = (threads: number, workers: number) => trainingThreadShare(resolveSettings({ MUSICBOX_THREADS: String(threads), MUSICBOX_TRAINING_WORKERS: String(workers) }, '/w'));
  // One training worker per core on 2 cores: one thread each (not 2 × 2).
  assert.equal(share(2, 2), 1);
  assert.equal(share(8, 2), 4);
  assert.equal(share(8, 3), 2);
  // More workers than threads: each still gets one.
  assert.equal(share(1, 4), 1);
  assert.equal(share(6, 1), 6);
});
