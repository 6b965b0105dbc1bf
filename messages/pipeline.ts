import { z } from 'zod';
import { FeatureParams } from './feature-params';
import { BuildRunFeaturesResult, RunArtifacts } from './features';
import { RunId } from './run-id';

/** Input of the `churnPipeline` workflow. New fields must be optional so stored histories still replay. */
export const PipelineInput = z.object({
  runId: RunId,
  /** Folder of raw logs to ingest before the run; omit to use what is already ingested. */
  logsDir: z.string().min(1).optional(),
  /** Feature-stage parameters (snapshot date, windows, percentiles, sampling); defaults are the seed's. */
  features: FeatureParams.omit({ runId: true }).partial().optional(),
});
export type PipelineInput = z.input<typeof PipelineInput>;

export const ActivityProfile = z.object({
  users: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  medianPlays: z.number(),
  p99Plays: z.number(),
  meanActiveDays: z.number(),
  shareWithDownloads: z.number(),
});
export type ActivityProfile = z.infer<typeof ActivityProfile>;

/** Result of the `churnPipeline` workflow: a small summary, never rows. */
export const PipelineResult = z.object({
  runId: RunId,
  ingest: z
    .object({ files: z.number().int(), loaded: z.number().int(), repaired: z.number().int(), rejected: z.number().int(), skipped: z.number().int() })
    .optional(),
  features: BuildRunFeaturesResult,
  artifacts: RunArtifacts,
  activityTable: z.string(),
  activityArtifact: z.string(),
  profile: ActivityProfile,
});
export type PipelineResult = z.infer<typeof PipelineResult>;
