/**
 * A run parameter is invalid, or its windows fall outside the ingested dates. Not retryable:
 * the same input fails the same way. `parameter` names the offending field.
 */
export class InvalidRunParameters extends Error {
  readonly type = 'InvalidRunParameters';
  constructor(
    readonly parameter: string,
    detail: string,
  ) {
    super(`invalid run parameter '${parameter}': ${detail}`);
    this.name = 'InvalidRunParameters';
  }
}

/** A step ran before the step whose output it reads (e.g. features before cleaning). Not retryable. */
export class FeatureStepOutputMissing extends Error {
  readonly type = 'FeatureStepOutputMissing';
  constructor(
    readonly runId: string,
    readonly table: string,
    readonly missingStep: string,
  ) {
    super(`run '${runId}' has no rows in ${table}; run ${missingStep} for this run id first`);
    this.name = 'FeatureStepOutputMissing';
  }
}
