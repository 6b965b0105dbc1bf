import { z } from 'zod';
import { PipelineInput } from './pipeline';
import { ScoreRunInput } from './score-run';

/*
 * What a schedule of each kind starts. One place for the mapping kind → workflow type + input, so
 * a new kind or workflow is one entry here; the CLI (`musicbox schedule`) reads nothing else.
 * Every scheduled run takes its as-of date from the tick (TemporalScheduledStartTime) and its run
 * id from the schedule id and that date, so the input carries neither.
 */

export const ScheduleKind = z.enum(['retrain', 'score']);
export type ScheduleKind = z.infer<typeof ScheduleKind>;

/** A schedule id: it prefixes the run ids of its runs (`nightly` → `nightly-2017-05-20`). */
export const ScheduleId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'use 1-41 of a-z, 0-9, "_" and "-", starting with a letter or digit');

export interface ScheduleKindSpec {
  /** The workflow type each tick starts. */
  workflowType: string;
  /** Default calendar, a cron expression in UTC. */
  cron: string;
  /**
   * What a tick does while the previous run still runs. BUFFER_ONE for training: a slow retrain is
   * followed by exactly one more, never a pile; SKIP for scoring: a late score is worth less than the next.
   */
  overlap: 'SKIP' | 'BUFFER_ONE';
  /** How late a tick may still start after the server was down; older ticks are skipped (a backfill can redo them). */
  catchupWindow: string;
  /** Validates the input every tick gets (strict: an unknown key is an error naming it). */
  input: z.ZodType;
}

export const SCHEDULE_KINDS: Record<ScheduleKind, ScheduleKindSpec> = {
  retrain: {
    workflowType: 'churnPipeline',
    cron: '0 3 * * 1',
    overlap: 'BUFFER_ONE',
    catchupWindow: '1 day',
    input: PipelineInput.omit({ runId: true, asOf: true }),
  },
  score: {
    workflowType: 'scoreCurrentUsers',
    cron: '0 4 * * *',
    overlap: 'SKIP',
    catchupWindow: '1 hour',
    // Each tick's run id is `score-<as-of>`, so a repeated day replaces its own scores.
    input: ScoreRunInput.omit({ runId: true, asOf: true }),
  },
};
