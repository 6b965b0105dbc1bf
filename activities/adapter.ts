import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { NON_RETRYABLE_TYPES } from '../messages/failure-types';

/**
 * The whole of an activity around its service: parse the raw input once, call the service with the
 * typed value, and turn a failure that would fail the same way on every attempt into a
 * non-retryable one (zod's, or an error whose `type` is in NON_RETRYABLE_TYPES). Heartbeats are the caller's
 * (keepAlive), as only it knows how long its service runs.
 */
export async function adapt<S extends z.ZodType, T>(schema: S, raw: unknown, service: (input: z.output<S>) => Promise<T>): Promise<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`invalid activity input: ${z.prettifyError(parsed.error)}`, 'InvalidInput');
  try {
    return await service(parsed.data);
  } catch (err) {
    const type = (err as { type?: unknown }).type;
    if (err instanceof Error && typeof type === 'string' && NON_RETRYABLE_TYPES.includes(type)) throw ApplicationFailure.nonRetryable(err.message, type);
    throw err;
  }
}
