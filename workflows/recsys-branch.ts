import type { RunArtifacts } from '../messages/features';
import type { RecsysOptions, RecsysSummary } from '../messages/recsys';
import { sql, training } from './activity-stubs';

/**
 * Recommenders: popularity, item-item, NMF and truncated SVD fitted in parallel (each its own
 * activity, so they spread over training workers), the rating-error holdout beside them, then the
 * blend of their candidate lists for every user, published to ClickHouse.
 */
export async function recommendSongs(runId: string, artifacts: RunArtifacts, options: RecsysOptions): Promise<RecsysSummary> {
  const base = { runId, ratings: artifacts.ratings, labelPlays: artifacts.labelPlays, options };
  const [popularity, itemItem, nmf, svd, ratingError] = await Promise.all([
    training.fitRecommender({ ...base, kind: 'popularity' }),
    training.fitRecommender({ ...base, kind: 'item_item' }),
    training.fitRecommender({ ...base, kind: 'nmf' }),
    training.fitRecommender({ ...base, kind: 'svd' }),
    training.evaluateRatingError({ runId, ratings: artifacts.ratings, options }),
  ]);
  const blend = await training.blendRecommendations({
    ...base,
    trainingMatrix: artifacts.trainingMatrix,
    candidates: { popularity: popularity.candidates, item_item: itemItem.candidates, nmf: nmf.candidates, svd: svd.candidates },
  });
  const published = await sql.publishRecommendations({ runId, recommendations: blend.recommendations });
  return {
    models: [...[popularity, itemItem, nmf, svd].map((m) => ({ name: m.kind, ranking: m.ranking, fitSeconds: m.fitSeconds })), { name: 'blend', ranking: blend.ranking, fitSeconds: 0 }],
    ratingError,
    overlap: blend.overlap,
    users: blend.users,
    coldStartUsers: blend.coldStartUsers,
    table: published.table,
    rows: published.rows,
  };
}
