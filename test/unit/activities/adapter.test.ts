import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { adapt } from '../../../activities/adapter';
import { InvalidRunParameters } from '../../../clickhouse/features';

const Input = z.strictObject({ runId: z.string(), n: z.number().default(2) });

test('the service gets the parsed input, defaults filled in', async () => {
  assert.deepEqual(await adapt(Input, { runId: 'a' }, async (input) => input), { runId: 'a', n: 2 });
});

test('an input that fails its schema is not retried, and the service is not called', async () => {
  let called = false;
  await assert.rejects(
    adapt(Input, { runId: 'a', m: 1 }, async () => (called = true)),
    (err: unknown) => err instanceof ApplicationFailure && err.nonRetryable && err.type === 'InvalidInput' && /m/.test(err.message),
  );
  assert.equal(called, false);
});

test("a service error that fails the same way every time becomes non-retryable, keeping its type and message", async () => {
  await assert.rejects(
    adapt(Input, { runId: 'a' }, async () => {
      throw new InvalidRunParameters('snapshotDate', 'ingest newer logs');
    }),
    (err: unknown) => err instanceof ApplicationFailure && err.nonRetryable && err.type === 'InvalidRunParameters' && /snapshotDate.*ingest newer logs/.test(err.message),
  );
});

test('any other error is left to the retry policy', async () => {
  const boom = new Error('connection reset');
  await assert.rejects(
    adapt(Input, { runId: 'a' }, async () => {
      throw boom;
    }),
    (err: unknown) => err === boom,
  );
});
