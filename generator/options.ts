import { z } from 'zod';

/**
 * Rates of the "dirt" the generator injects, mirroring what the real logs and
 * the seed study show. Line rates are per physical record of the kind they
 * apply to; value rates are per play unless stated.
 */
export const dirtRatesSchema = z.object({
  /** Share of users that are bots (10⁴–10⁵ plays over a 44-day range). Default 0.0008. */
  botShare: z.number().min(0).max(0.05).default(0.0008),
  /** Share of users that switch between `ar` and `ip`. Default 0.001. */
  twoDeviceShare: z.number().min(0).max(1).default(0.001),
  /** Share of users whose client sometimes logs plays with no song_id, play_time or song_length. Default 0.0003. */
  glitchUserShare: z.number().min(0).max(1).default(0.0003),
  /** Share of a glitching user's plays that lose those three fields. Default 0.3. */
  glitchPlayRate: z.number().min(0).max(1).default(0.3),
  /** Plays with an empty song_id (other fields intact). Default 0.0002. */
  emptySongId: z.number().min(0).max(1).default(0.0002),
  /** Plays whose song_id is `0` or `-1`. Default 0.0003. */
  badSongId: z.number().min(0).max(1).default(0.0003),
  /** Plays with an empty play_time. Default 0.0001. */
  emptyPlayTime: z.number().min(0).max(1).default(0.0001),
  /** Plays whose play_time is the text `nan`. Default 0.0001. */
  nanPlayTime: z.number().min(0).max(1).default(0.0001),
  /** Plays with a small negative play_time (clock skew). Default 0.0001. */
  negativePlayTime: z.number().min(0).max(1).default(0.0001),
  /** Plays with song_length 0 (the samples show several percent). Default 0.04. */
  zeroSongLength: z.number().min(0).max(1).default(0.04),
  /** Plays with song_length −1. Default 0.002. */
  negativeSongLength: z.number().min(0).max(1).default(0.002),
  /** Plays whose play_time was logged in milliseconds. Default 0.012. */
  msPlayTime: z.number().min(0).max(1).default(0.012),
  /** Plays with an absurd play_time (10⁶–10⁸ s). Default 0.0003. */
  hugePlayTime: z.number().min(0).max(1).default(0.0003),
  /** Plays with an absurd song_length (milliseconds or ~10⁶ s). Default 0.006. */
  hugeSongLength: z.number().min(0).max(1).default(0.006),
  /** Lines with an extra leading tab. Default 0.0008. */
  leadingTab: z.number().min(0).max(1).default(0.0008),
  /** Lines with an extra trailing tab. Default 0.0004. */
  trailingTab: z.number().min(0).max(1).default(0.0004),
  /** Lines with a run of 2–6 extra empty fields before the last field. Default 0.0002. */
  emptyRun: z.number().min(0).max(1).default(0.0002),
  /** Download records broken over two physical lines. Default 0.003. */
  splitDown: z.number().min(0).max(1).default(0.003),
  /** Blank lines, per record. Default 0.0002. */
  blankLine: z.number().min(0).max(1).default(0.0002),
  /** Lines no ingester can repair (bad uid, unknown device, extra non-empty fields, truncation). Default 0.0002. */
  rejectLine: z.number().min(0).max(1).default(0.0002),
});

export type DirtRates = z.infer<typeof dirtRatesSchema>;

/** Progress report, once per generated day. */
export interface GenerateProgress {
  day: number;
  days: number;
  date: string;
  rows: number;
}

export const generateOptionsSchema = z.object({
  /** Number of users, bots included. Default 60000 (the seed's 10 % sample). */
  users: z.number().int().min(1).max(10_000_000).default(60_000),
  /** Number of consecutive days, one file per kind and day. Default 44 (30 feature + 14 label days). */
  days: z.number().int().min(1).max(3660).default(44),
  /** First day, `YYYY-MM-DD`. Default `2017-03-30`, so the seed's windows apply. */
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2017-03-30'),
  /** Seed; the same seed and options give byte-identical files. Default 42. */
  seed: z.number().int().default(42),
  /** Directory the logs and `manifest.json` are written to (created if missing). */
  outDir: z.string().min(1),
  /** `gzip` writes `*.log.gz`. Default `none`. */
  compression: z.enum(['none', 'gzip']).default('none'),
  /** Catalogue size. Default ≈ 5/3 songs per user (100k at 60k users), at least 200. */
  songs: z.number().int().min(20).optional(),
  /**
   * Dirt: a number scales every default rate (0 disables all dirt, bots
   * included; 1 is the default), an object overrides single rates.
   */
  dirt: z.union([z.number().min(0), dirtRatesSchema.partial()]).default(1),
});

/** Options of {@link generateLogs}; every field but `outDir` has a default. */
export type GenerateOptions = z.input<typeof generateOptionsSchema> & {
  /** Called after each day is generated. */
  onProgress?: (progress: GenerateProgress) => void;
};

/** Options after defaults are applied and dirt is expanded into rates. */
export interface ResolvedOptions {
  users: number;
  days: number;
  startDate: string;
  seed: number;
  outDir: string;
  compression: 'none' | 'gzip';
  songs: number;
  dirt: DirtRates;
}

/** Validates options once at the boundary and fills in defaults. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { onProgress: _ignored, ...rest } = options;
  const parsed = generateOptionsSchema.parse(rest);
  const defaults = dirtRatesSchema.parse({});
  let dirt: DirtRates;
  if (typeof parsed.dirt === 'number') {
    const scale = parsed.dirt;
    dirt = { ...defaults };
    for (const key of Object.keys(dirt) as (keyof DirtRates)[]) {
      // glitchPlayRate is conditional on a glitching user, so scaling it would
      // double-count the scale already applied to glitchUserShare.
      if (key === 'glitchPlayRate') continue;
      dirt[key] = Math.min(1, defaults[key] * scale);
    }
  } else {
    dirt = { ...defaults, ...parsed.dirt };
  }
  const songs = parsed.songs ?? Math.max(200, Math.round((parsed.users * 5) / 3));
  return {
    users: parsed.users,
    days: parsed.days,
    startDate: parsed.startDate,
    seed: parsed.seed,
    outDir: parsed.outDir,
    compression: parsed.compression,
    songs,
    dirt,
  };
}
