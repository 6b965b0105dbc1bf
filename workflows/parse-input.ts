import { ApplicationFailure } from '@temporalio/workflow';

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Parses a workflow's, signal's or update's input, or fails non-retryably with one line naming
 * every bad field (an unknown key included), so a typo is refused instead of running defaults.
 */
export function parseOrThrow<T>(schema: Schema<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`).join('; ');
  throw ApplicationFailure.nonRetryable(`invalid ${what}: ${issues}`, 'InvalidInput');
}
