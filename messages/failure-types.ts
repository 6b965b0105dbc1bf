/**
 * Failure types no retry can fix: bad input or parameters, a window the data cannot fill, a step
 * run out of order. Errors carry one of these as `type`; activities fail with it as
 * non-retryable, and the workflows' retry policies list the same.
 */
export const NON_RETRYABLE_TYPES: readonly string[] = ['InvalidInput', 'InvalidRunParameters', 'FeatureStepOutputMissing', 'InvalidLogFolder', 'IncompleteWindow'];
