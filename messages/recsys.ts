import { z } from 'zod';
import { RunId } from './run-id';

export const RecommenderKind = z.enum(['popularity', 'item_item', 'nmf', 'svd']);
export type RecommenderKind = z.infer<typeof RecommenderKind>;

/** Recommender options of a pipeline run. */
export const RecsysOptions = z.strictObject({
  /** Latent factors of NMF and truncated SVD. */
  components: z.number().int().min(1).max(500).default(20),
  /** Neighbours kept per song by item-item. */
  neighbours: z.number().int().min(1).max(1000).default(75),
  /**
   * Item-item shrinkage: a song's score is Σ sim·r / (Σ |sim| + shrinkage). Without it, songs reached
   * through one weak neighbour score as high as a sure match (NDCG@10 at seed scale: 0.004 with 0, 0.2 with 5).
   */
  shrinkage: z.number().min(0).default(5),
  /** Candidate list length per model, and the N of NMF∩SVD. */
  candidates: z.number().int().min(10).max(1000).default(100),
  /** Songs published per user. */
  n: z.number().int().min(1).max(100).default(10),
  /** Blend weights: non-negative, summing to 1. */
  weights: z
    .strictObject({ popularity: z.number().min(0), itemItem: z.number().min(0), matrixFactorisation: z.number().min(0) })
    .refine((w) => Math.abs(w.popularity + w.itemItem + w.matrixFactorisation - 1) < 1e-9, { message: 'blend weights must sum to 1 (e.g. 0.2, 0.2, 0.6)' })
    .default({ popularity: 0.2, itemItem: 0.2, matrixFactorisation: 0.6 }),
  seed: z.number().int().min(0).default(42),
  /** Users with at least this many rated songs enter the utility matrix; the pipeline passes the run's feature parameter. */
  minRatedSongs: z.number().int().min(1).default(5),
});
export type RecsysOptions = z.infer<typeof RecsysOptions>;

/** Length of the list each ranking metric judges: precision, recall, NDCG and hit rate are @10, as in the seed study. */
export const RANKED_LIST_LENGTH = 10;

/** Share of ratings held out to measure NMF's and SVD's rating error (RMSE, MAE); the models are fitted on the rest. */
export const RATING_HOLDOUT_FRACTION = 0.2;

/** Ranking metrics @{@link RANKED_LIST_LENGTH}; null where no user has a relevant song. */
const Ranking = z.object({ users: z.number().int(), precision: z.number().nullable(), recall: z.number().nullable(), ndcg: z.number().nullable(), hitRate: z.number().nullable(), coverage: z.number() });
export type Ranking = z.infer<typeof Ranking>;

export const FitRecommenderInput = z.object({ runId: RunId, ratings: z.string(), labelPlays: z.string(), kind: RecommenderKind, options: RecsysOptions });
export type FitRecommenderInput = z.input<typeof FitRecommenderInput>;
export const FitRecommenderResult = z.object({
  kind: RecommenderKind,
  /** Artifact key prefix of the per-user candidate lists (`.songs.i32`, `.scores.f32`). */
  candidates: z.string(),
  users: z.number().int(),
  songs: z.number().int(),
  /** Judged on the songs each user newly plays in the label window. */
  ranking: Ranking,
  fitSeconds: z.number(),
  scoreSeconds: z.number(),
});
export type FitRecommenderResult = z.infer<typeof FitRecommenderResult>;

export const RatingErrorInput = z.object({ runId: RunId, ratings: z.string(), options: RecsysOptions });
export type RatingErrorInput = z.input<typeof RatingErrorInput>;
export const RatingErrorResult = z.object({ heldOut: z.number().int(), nmf: z.object({ rmse: z.number(), mae: z.number() }), svd: z.object({ rmse: z.number(), mae: z.number() }) });
export type RatingErrorResult = z.infer<typeof RatingErrorResult>;

export const BlendInput = z.object({
  runId: RunId,
  ratings: z.string(),
  labelPlays: z.string(),
  trainingMatrix: z.string(),
  candidates: z.object({ popularity: z.string(), item_item: z.string(), nmf: z.string(), svd: z.string() }),
  options: RecsysOptions,
});
export type BlendInput = z.input<typeof BlendInput>;
export const Overlap = z.array(z.object({ a: z.string(), b: z.string(), top10: z.number(), top100: z.number() }));
export const BlendResult = z.object({ recommendations: z.string(), users: z.number().int(), coldStartUsers: z.number().int(), ranking: Ranking, overlap: Overlap });
export type BlendResult = z.infer<typeof BlendResult>;

export const PublishRecommendationsInput = z.object({ runId: RunId, recommendations: z.string() });
export type PublishRecommendationsInput = z.infer<typeof PublishRecommendationsInput>;

/** Recommender part of a pipeline result. */
export const RecsysSummary = z.object({
  models: z.array(z.object({ name: z.string(), ranking: Ranking, fitSeconds: z.number() })),
  /**
   * RMSE/MAE of NMF and SVD refitted on 80 % of the ratings: only in runs started before the
   * refit was dropped (the models read a missing cell as 0, so the error was not a rating error).
   */
  ratingError: RatingErrorResult.optional(),
  overlap: Overlap,
  users: z.number().int(),
  coldStartUsers: z.number().int(),
  table: z.string(),
  rows: z.number().int(),
});
export type RecsysSummary = z.infer<typeof RecsysSummary>;
