import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { describeInputIssues } from '../messages/input-issues';

/**
 * Checks a signal's or update's argument, or fails non-retryably naming every bad field and unknown
 * key, as workflow inputs do (workflow-input.ts). Used by update validators, so a bad request is
 * refused before it enters history.
 */
export function parseMessage<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw ApplicationFailure.nonRetryable(`invalid ${what}: ${describeInputIssues(schema, parsed.error.issues)}`, 'InvalidInput');
}
