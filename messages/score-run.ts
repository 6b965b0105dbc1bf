import { z } from 'zod';
import { FeatureParams } from './feature-params';
import { RunId } from './run-id';
import { CalendarDate } from './calendar-date';

/** Input of `scoreCurrentUsers`: today's users scored with the champion model, no training. */
export const ScoreRunInput = z
  .object({
    /** Run id of the scores; default `score-<as-of>` (so a repeated day replaces its own rows), or `score-<UTC time>` without an as-of. */
    runId: RunId.optional(),
    /** Folder of raw logs to ingest first (files already ingested are skipped). */
    logsDir: z.string().min(1).optional(),
    /** Last day of the scored feature window, YYYY-MM-DD; default the latest ingested date. */
    asOf: CalendarDate.optional(),
    /** Feature window settings of the snapshot (defaults are the seed's, as in training). */
    features: FeatureParams.pick({ featureDays: true, botPercentile: true, cleanPercentile: true }).partial().strict().optional(),
  })
  .strict();
export type ScoreRunInput = z.input<typeof ScoreRunInput>;

export const ScoreRunResult = z.object({
  runId: RunId,
  /** The champion run whose model scored. */
  modelRunId: RunId,
  model: z.string(),
  snapshotDate: z.string(),
  scored: z.number().int(),
  atRisk: z.number().int(),
  meanProbability: z.number(),
  table: z.string(),
  ingest: z.object({ files: z.number().int(), loaded: z.number().int(), skipped: z.number().int() }).optional(),
});
export type ScoreRunResult = z.infer<typeof ScoreRunResult>;
