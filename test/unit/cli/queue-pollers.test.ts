import assert from 'node:assert/strict';
import { test } from 'node:test';
import { servedBy } from '../../../cli/queue-pollers';

const now = 1_000_000_000_000;
const poller = (identity: string, secondsAgo: number) => ({ identity, lastAccessTime: { seconds: (now - secondsAgo * 1000) / 1000 } });

test('a queue is served by a worker that polled lately, or by one running an activity of the run however long ago it polled', () => {
  assert.equal(servedBy([poller('1@a', 5)], new Set(), now), true);
  // A training worker with its one slot taken by a 5-minute fit has not polled for minutes.
  assert.equal(servedBy([poller('1@a', 300)], new Set(), now), false);
  assert.equal(servedBy([poller('1@a', 300)], new Set(['1@a']), now), true);
  // Another worker's activity does not make a silent one live.
  assert.equal(servedBy([poller('1@a', 300)], new Set(['2@b']), now), false);
  assert.equal(servedBy([], new Set(['1@a']), now), false);
});
