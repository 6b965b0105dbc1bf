import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import { FeatureParams } from '../messages/feature-params';
import type { PipelineInput } from '../messages/pipeline';
import { derivedRunId, type RunWindow } from '../messages/run-window';
import { SCHEDULED_BY, SEARCH_ATTRIBUTES } from '../messages/search-attributes';
import { addDays } from '../messages/dates';
import { sqlShort } from './activity-stubs';
import { scheduledAsOf } from './scheduled-date';

/** Marker of runs placed in time by their as-of date (before it: the snapshot given, else 2017-04-28, and the run id given). */
export const AS_OF_WINDOWS = 'as-of-windows';

export interface PlacedRun {
  runId: string;
  window: RunWindow;
}

/**
 * Places a pipeline run in time and names it. The as-of date is, in order: the one implied by an
 * explicit `features.snapshotDate`, the input's `asOf`, the day before the tick of the schedule that
 * started the run (TemporalScheduledStartTime), else `latest` (the latest ingested date: a run
 * started by hand, or as a child of the service, trains on what is there). An activity checks
 * the windows against the ingested dates (data is read by activities only, so replay stays
 * deterministic). A run without a run id gets one from its schedule (or `run`) and its as-of date.
 * The run id, as-of date and kind become search attributes, and the run's details say the same.
 */
export async function placeRun(input: z.output<typeof PipelineInput>): Promise<PlacedRun> {
  const info = workflowInfo();
  const scheduleId = info.typedSearchAttributes.get(SCHEDULED_BY);
  const { featureDays, labelDays } = FeatureParams.parse({ ...input.features, runId: input.runId ?? 'placeholder' });
  const snapshot = input.features?.snapshotDate;
  const asOf = snapshot ? addDays(snapshot, labelDays) : (input.asOf ?? scheduledAsOf() ?? 'latest');
  const window = await sqlShort.resolveRunWindow({ asOf, featureDays, labelDays });
  const runId = input.runId ?? derivedRunId(scheduleId, window.asOf);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.runId, value: runId },
    { key: SEARCH_ATTRIBUTES.asOf, value: new Date(`${window.asOf}T00:00:00Z`) },
    { key: SEARCH_ATTRIBUTES.kind, value: 'retrain' },
  ]);
  setCurrentDetails(
    `**run ${runId}** as of ${window.asOf}${scheduleId ? ` (schedule ${scheduleId})` : ''}: ` +
      `features ${window.featureStart}..${window.snapshotDate}, labels ${addDays(window.snapshotDate, 1)}..${window.labelEnd}`,
  );
  return { runId, window };
}
