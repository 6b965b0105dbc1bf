import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../../../cli/describe-error';
import { IngestLogsInput } from '../../../messages/activities';

test('a failed run names the failed activity and its own error on one line', () => {
  const cause = new TypeError("Cannot read properties of undefined (reading 'gain')");
  const activity = Object.assign(new Error('Activity task failed', { cause }), { activityType: 'trainChurnModel' });
  const workflow = new Error('Workflow execution failed', { cause: activity });
  assert.equal(
    describeError(workflow),
    "Workflow execution failed: Activity task failed (trainChurnModel): Cannot read properties of undefined (reading 'gain')",
  );
});

test('a plain error is its message; a repeated message is said once; a non-error is printed as text', () => {
  assert.equal(describeError(new Error('no such folder')), 'no such folder');
  assert.equal(describeError(new Error('lock held', { cause: new Error('lock held') })), 'lock held');
  assert.equal(describeError('boom'), 'boom');
});

test('a validation error names each rejected field', () => {
  const parsed = IngestLogsInput.safeParse({ dir: '', batchFiles: 100 });
  assert.equal(parsed.success, false);
  assert.equal(
    describeError(parsed.error),
    'invalid dir: Too small: expected string to have >=1 characters; invalid batchFiles: Too big: expected number to be <=64',
  );
});
