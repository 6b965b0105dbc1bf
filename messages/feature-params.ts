import { z } from 'zod';
import { CalendarDate } from './calendar-date';
import { RunId } from './run-id';

/** Parameters of one run of the feature stage. The schema is the source of truth; defaults are the seed's. */
export const FeatureParams = z.strictObject({
  /** Run id, keys every output row. */
  runId: RunId,
  /**
   * Last day of the feature window ('end'), YYYY-MM-DD. Absent: the latest date whose label window
   * is complete in the ingested data (the last ingested date minus labelDays; the seed's 2017-04-28
   * on the seed's logs).
   */
  snapshotDate: CalendarDate.optional(),
  /** Feature window length in days, ending on snapshotDate. Default 30. */
  featureDays: z.number().int().min(1).max(366).default(30),
  /** Label window length in days, starting the day after snapshotDate. Default 14. */
  labelDays: z.number().int().min(1).max(366).default(14),
  /** Percentile of plays per user at and above which a user is a bot. Default 0.999. */
  botPercentile: z.number().gt(0).lte(1).default(0.999),
  /** Percentile of song_length and play_time above which plays are dropped. Default 0.99. */
  cleanPercentile: z.number().gt(0).lte(1).default(0.99),
  /** Fraction of users kept by the hashed sample, in (0, 1]. Default 1 (everyone). */
  sampleRatio: z.number().gt(0, 'must be above 0').lte(1, 'must be at most 1').default(1),
  /** Seed of the sample hash; the same seed keeps the same users. Default 0. */
  sampleSeed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  /** Users with at least this many rated songs enter the utility matrix (read by the recommender). Default 5. */
  minRatedSongs: z.number().int().min(1).default(5),
});
export type FeatureParams = z.infer<typeof FeatureParams>;
export type FeatureParamsInput = z.input<typeof FeatureParams>;
