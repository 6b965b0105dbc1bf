import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RetrainRequest, ServiceState } from '../../../messages/service';
import { enqueue, KEPT_DECISIONS, nextRunId, withDecisions } from '../../../workflows/service-queue';

const at = new Date('2026-12-02T07:15:09.123Z');
const empty = () => ServiceState.parse({});
/** Requests are queued as sent, once valid. */
const req = (r: RetrainRequest) => (RetrainRequest.parse(r), r);

test('run ids come from the request time, with a suffix when two requests share a second', () => {
  assert.equal(nextRunId(at, undefined), 'retrain-20261202-071509');
  assert.equal(nextRunId(at, 'retrain-20261202-071509'), 'retrain-20261202-071509-2');
  assert.equal(nextRunId(at, 'retrain-20261202-071509-2'), 'retrain-20261202-071509-3');
  assert.equal(nextRunId(at, 'retrain-20261202-071508'), 'retrain-20261202-071509');
  assert.equal(nextRunId(at, 'my-run'), 'retrain-20261202-071509');
});

test('a request with nothing queued is queued under its own run id; later ones merge into it, the later fields winning', () => {
  const first = enqueue(empty(), req({ runId: 'a', churn: { grid: 'none' }, features: { sampleRatio: 0.5 } }), at);
  assert.deepEqual(first.accepted, { runId: 'a', merged: false, message: 'queued as run a' });
  const second = enqueue(first.state, req({ runId: 'b', features: { sampleRatio: 0.25 } }), at);
  assert.deepEqual(second.accepted, { runId: 'a', merged: true, message: 'merged into the retrain already queued as run a' });
  assert.deepEqual(second.state.queued?.request, { runId: 'a', churn: { grid: 'none' }, features: { sampleRatio: 0.25 } });
  assert.equal(second.state.queued?.merged, 1);
  // The input state is not changed.
  assert.equal(first.state.queued?.merged, 0);
});

test('a request without a run id gets one from the time; once the queue is taken the next one queues anew', () => {
  const one = enqueue(empty(), req({}), at);
  assert.equal(one.accepted.runId, 'retrain-20261202-071509');
  const taken = { ...one.state, queued: undefined };
  const two = enqueue(taken, req({}), at);
  assert.deepEqual([two.accepted.runId, two.accepted.merged], ['retrain-20261202-071509-2', false]);
});

test('a repeated idempotency key gets the first answer and changes nothing', () => {
  const one = enqueue(empty(), req({ requestId: 'tick-1', asOf: '2017-05-12' }), at);
  const taken = { ...one.state, queued: undefined };
  const again = enqueue(taken, req({ requestId: 'tick-1', asOf: '2017-05-12' }), at);
  assert.equal(again.state, taken);
  assert.equal(again.accepted.runId, one.accepted.runId);
  assert.match(again.accepted.message, /already accepted/);
});

test('decisions are kept latest first and capped', () => {
  const d = (i: number) => ({ runId: `r${i}`, kind: 'churn' as const, metric: 'test_auc' as const, challenger: 0.7, champion: 0.7, tolerance: 0.01, rows: 10, promoted: true, reason: '', decidedAt: '' });
  let s = empty();
  for (let i = 0; i < KEPT_DECISIONS + 5; i++) s = withDecisions(s, [d(i)]);
  assert.equal(s.decisions.length, KEPT_DECISIONS);
  assert.equal(s.decisions[0].runId, `r${KEPT_DECISIONS + 4}`);
});

test('retrain requests are strict: an unknown key or a bad field is refused, naming it', () => {
  const bad = RetrainRequest.safeParse({ logdir: '/tmp/x' });
  assert.ok(!bad.success && /logdir/.test(bad.error.issues[0].message));
  const ratio = RetrainRequest.safeParse({ features: { sampleRatio: 0 } });
  assert.ok(!ratio.success && ratio.error.issues[0].path.join('.') === 'features.sampleRatio');
});
