import { z } from 'zod';
import { CalendarDate } from './calendar-date';
import { FeatureParams } from './feature-params';
import { RunId } from './run-id';

export const BuildRunFeaturesInput = z.strictObject({
  params: FeatureParams,
  /**
   * Also build the scoring snapshot (default true). The pipeline passes false and builds it with
   * buildScoringSnapshot while the models train.
   */
  scoring: z.boolean().optional(),
});
export type BuildRunFeaturesInput = z.input<typeof BuildRunFeaturesInput>;

/** What the feature stage reports: the cleaning report's numbers and row counts, never rows. */
export const BuildRunFeaturesResult = z.object({
  runId: RunId,
  snapshotDate: z.string(),
  labelled: z.number().int(),
  churned: z.number().int(),
  featureRows: z.number().int(),
  ratingRows: z.number().int(),
  matrixUsers: z.number().int(),
  scoringSnapshotDate: z.string().optional(),
  scoringRows: z.number().int().optional(),
  cleaning: z.record(z.string(), z.union([z.number(), z.string()])),
  stepMs: z.record(z.string(), z.number()),
});
export type BuildRunFeaturesResult = z.infer<typeof BuildRunFeaturesResult>;

export const ExportRunDataInput = z.object({
  runId: RunId,
  /** Also export the scoring snapshot (default true); false when buildScoringSnapshot exports it. */
  scoring: z.boolean().optional(),
});
export type ExportRunDataInput = z.infer<typeof ExportRunDataInput>;

/** Artifact keys (relative to the artifacts folder) of a run's columnar exports. */
export const RunArtifacts = z.object({
  trainingMatrix: z.string(),
  /** Absent from exportRunData's result when buildScoringSnapshot writes it. */
  scoringMatrix: z.string().optional(),
  ratings: z.string(),
  /** Songs each rated user newly plays in the label window (the recommenders' held-out truth). */
  labelPlays: z.string(),
  bytes: z.number().int(),
});
export type RunArtifacts = z.infer<typeof RunArtifacts>;

export const BuildScoringSnapshotInput = z.object({
  params: FeatureParams,
  /** Last day of the scored feature window, YYYY-MM-DD; default the latest ingested date. */
  asOf: CalendarDate.optional(),
});
export type BuildScoringSnapshotInput = z.input<typeof BuildScoringSnapshotInput>;

/** The scoring snapshot of a run (docs/FEATURES.md §8), built and exported on its own. */
export const ScoringSnapshotResult = z.object({
  runId: RunId,
  /** The end of the scored window: the as-of date, or the latest ingested date. */
  snapshotDate: z.string(),
  rows: z.number().int(),
  bots: z.number().int(),
  members: z.number().int(),
  /** Artifact key of the Arrow export, read by scoreUsers. */
  scoringMatrix: z.string(),
  bytes: z.number().int(),
  /** Milliseconds: building the tables, then the export. */
  stepMs: z.object({ scoring: z.number(), export: z.number() }),
});
export type ScoringSnapshotResult = z.infer<typeof ScoringSnapshotResult>;
