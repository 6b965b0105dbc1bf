/** Run-keyed tables of the feature stage (migrations 0100-0106, 0600). */
export const FeatureTables = {
  users: 'run_users',
  labels: 'run_labels',
  cleaningReport: 'run_cleaning_report',
  features: 'run_features',
  scoringFeatures: 'run_scoring_features',
  ratings: 'run_ratings',
  labelPlays: 'run_label_plays',
} as const;

/** Tables partitioned by (run_id, stage); the others by run_id alone. */
export const STAGED_TABLES: ReadonlySet<string> = new Set([FeatureTables.users, FeatureTables.cleaningReport]);

const KINDS = ['P', 'D', 'S'] as const;
const WINDOWS = [1, 3, 7, 14, 30] as const;

/** The 31 feature columns of docs/FEATURES.md §5, in table and matrix order. */
export const FEATURE_COLUMNS: readonly string[] = [
  'time_percentage_0_to_20',
  'time_percentage_20_to_40',
  'time_percentage_40_to_60',
  'time_percentage_60_to_80',
  'time_percentage_larger_than_80',
  'time_percentage_larger_than_80_7d_over_30d',
  'total_play_time',
  'total_play_time_7d_over_30d',
  'average_play_time',
  ...KINDS.flatMap((k) => WINDOWS.map((w) => `freq_${k}_last_${w}`)),
  ...KINDS.map((k) => `${k}_7d_over_${k}_30d`),
  ...KINDS.map((k) => `last_${k}_days`),
  'device',
];
