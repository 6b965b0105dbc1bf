import { z } from 'zod';
import { ChurnModelKind } from './churn';
import { ChampionDecision, ChampionKind, Champions } from './service';
import { RunId } from './run-id';

/** A run's registered churn model (its best by test AUC), as model_registry holds it. */
export const RunModel = z.object({ runId: RunId, name: z.string(), kind: ChurnModelKind, artifact: z.string(), testAuc: z.number() });
export type RunModel = z.infer<typeof RunModel>;
export const LookupRunModelInput = z.object({ runId: RunId });
export type LookupRunModelInput = z.infer<typeof LookupRunModelInput>;
export const LookupRunModelResult = z.object({ model: RunModel.nullable() });
export type LookupRunModelResult = z.infer<typeof LookupRunModelResult>;

/**
 * Both churn models scored on the challenger's test users: the challenger's training matrix split
 * with the challenger's seed and test fraction, exactly as its training did.
 */
export const CompareChurnModelsInput = z.object({
  trainingMatrix: z.string(),
  seed: z.number().int(),
  testFraction: z.number(),
  champion: z.object({ artifact: z.string(), kind: ChurnModelKind }),
  challenger: z.object({ artifact: z.string(), kind: ChurnModelKind }),
});
export type CompareChurnModelsInput = z.infer<typeof CompareChurnModelsInput>;
export const CompareChurnModelsResult = z.object({ rows: z.number().int(), positives: z.number().int(), champion: z.number(), challenger: z.number() });
export type CompareChurnModelsResult = z.infer<typeof CompareChurnModelsResult>;

/** Both runs' published lists judged by NDCG@10 on the challenger's label-window plays, over the users both lists cover. */
export const CompareRecommendationsInput = z.object({ labelPlays: z.string(), champion: RunId, challenger: RunId });
export type CompareRecommendationsInput = z.infer<typeof CompareRecommendationsInput>;
export const CompareRecommendationsResult = z.object({ users: z.number().int(), champion: z.number().nullable(), challenger: z.number().nullable() });
export type CompareRecommendationsResult = z.infer<typeof CompareRecommendationsResult>;

/** Records the guard's decisions and moves the champion pointer of each promoted kind, at the workflow's decision time. */
export const RecordDecisionsInput = z.object({ at: z.string(), decisions: z.array(ChampionDecision) });
export type RecordDecisionsInput = z.infer<typeof RecordDecisionsInput>;

export const PromoteRunInput = z.object({ runId: RunId, kinds: z.array(ChampionKind).optional(), at: z.string(), reason: z.string() });
export type PromoteRunInput = z.infer<typeof PromoteRunInput>;
export const RollbackChampionsInput = z.object({ kinds: z.array(ChampionKind).optional(), at: z.string() });
export type RollbackChampionsInput = z.infer<typeof RollbackChampionsInput>;
export const ChampionsResult = z.object({ champions: Champions, changed: z.array(ChampionKind) });
export type ChampionsResult = z.infer<typeof ChampionsResult>;
