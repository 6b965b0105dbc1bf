import { z } from 'zod';
import { ChurnOptions, ChurnSummary } from './churn';
import { FeatureParams } from './feature-params';
import { RecsysOptions, RecsysSummary } from './recsys';
import { BuildRunFeaturesResult, RunArtifacts } from './features';
import { WriteRunReportResult } from './report';
import { RunId } from './run-id';
import { AsOf, RunWindow } from './run-window';

/** The two independent halves of a run after the feature stage. */
export const PipelineBranch = z.enum(['churn', 'recommendations']);
export type PipelineBranch = z.infer<typeof PipelineBranch>;

/** Input of the `churnPipeline` workflow. New fields must be optional so stored histories still replay. */
export const PipelineInput = z.strictObject({
  /**
   * Keys every table and artifact of the run. Absent: derived from the schedule that started the run
   * (else `run`) and its as-of date, e.g. `nightly-2017-05-20`, so a repeated tick replaces its rows.
   */
  runId: RunId.optional(),
  /**
   * The last day whose data the run reads (YYYY-MM-DD, or `latest`: the latest ingested date). The
   * snapshot is the as-of date minus the label window, and every day of both windows must be
   * ingested. Absent: the day before the schedule's tick, else `latest`.
   * Ignored when `features.snapshotDate` is given.
   */
  asOf: AsOf.optional(),
  /** Folder of raw logs to ingest before the run; omit to use what is already ingested. */
  logsDir: z.string().min(1).optional(),
  /** Feature-stage parameters (snapshot date, windows, percentiles, sampling); defaults are the seed's. */
  features: FeatureParams.omit({ runId: true }).partial().optional(),
  /** Churn options (split, seed, grid, folds); defaults are the seed's. */
  churn: ChurnOptions.partial().optional(),
  /** Recommender options (factors, neighbours, candidates, list length, blend weights). */
  recommendations: RecsysOptions.omit({ minRatedSongs: true }).partial().optional(),
  /** Which branches to run after the feature stage; both when omitted. */
  branches: z.array(PipelineBranch).min(1).optional(),
});
export type PipelineInput = z.input<typeof PipelineInput>;

/** Result of the `churnPipeline` workflow: a small summary, never rows. */
export const PipelineResult = z.object({
  runId: RunId,
  /** Where the run sits in time: as-of date, snapshot, first feature day, last label day. */
  window: RunWindow.optional(),
  ingest: z
    .object({ files: z.number().int(), loaded: z.number().int(), repaired: z.number().int(), rejected: z.number().int(), skipped: z.number().int() })
    .optional(),
  features: BuildRunFeaturesResult,
  artifacts: RunArtifacts,
  /** Absent when the run left the branch out. */
  churn: ChurnSummary.optional(),
  /** Absent when the run left the branch out. */
  recommendations: RecsysSummary.optional(),
  /** The run's HTML report; absent for runs started before the pipeline wrote one. */
  report: WriteRunReportResult.optional(),
  /** Why the report step failed, when it did; the run's published results stand. */
  reportError: z.string().optional(),
});
export type PipelineResult = z.infer<typeof PipelineResult>;
