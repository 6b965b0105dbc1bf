import { z } from 'zod';
import { ChurnOptions, ChurnSummary } from './churn';
import { FeatureParams } from './feature-params';
import { RecsysOptions, RecsysSummary } from './recsys';
import { BuildRunFeaturesResult, RunArtifacts } from './features';
import { RunId } from './run-id';

/** Input of the `churnPipeline` workflow. New fields must be optional so stored histories still replay. */
export const PipelineInput = z.object({
  runId: RunId,
  /** Folder of raw logs to ingest before the run; omit to use what is already ingested. */
  logsDir: z.string().min(1).optional(),
  /** Feature-stage parameters (snapshot date, windows, percentiles, sampling); defaults are the seed's. */
  features: FeatureParams.omit({ runId: true }).partial().optional(),
  /** Churn options (split, seed, grid, folds); defaults are the seed's. */
  churn: ChurnOptions.partial().optional(),
  /** Recommender options (factors, neighbours, candidates, list length, blend weights). */
  recommendations: RecsysOptions.omit({ minRatedSongs: true }).partial().optional(),
});
export type PipelineInput = z.input<typeof PipelineInput>;

/** Result of the `churnPipeline` workflow: a small summary, never rows. */
export const PipelineResult = z.object({
  runId: RunId,
  ingest: z
    .object({ files: z.number().int(), loaded: z.number().int(), repaired: z.number().int(), rejected: z.number().int(), skipped: z.number().int() })
    .optional(),
  features: BuildRunFeaturesResult,
  artifacts: RunArtifacts,
  churn: ChurnSummary,
  recommendations: RecsysSummary,
});
export type PipelineResult = z.infer<typeof PipelineResult>;
