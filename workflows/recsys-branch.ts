import type { RunArtifacts } from '../messages/features';
import type { RecsysOptions, RecsysSummary } from '../messages/recsys';
import { patched } from '@temporalio/workflow';
import { sql, training, trainingFirst } from './activity-stubs';

/**
 * Until a run's history carries this marker, NMF and SVD were refitted on 80 % of the ratings
 * for an RMSE on the other 20 %: 72 s of a training worker for a number that means little,
 * since both models read a missing rating as 0 and so predict far below the 1–5 scale. The
 * recommenders are judged on the songs users newly play in the label window instead. Since the
 * marker, the NMF fit, the longest single activity, also goes first on the training queue.
 */
export const NO_RATING_ERROR_REFIT = 'no-rating-error-refit';

/**
 * Recommenders: popularity, item-item, NMF and truncated SVD fitted in parallel (each its own
 * activity, so they spread over training workers), then the blend of their candidate lists for
 * every user, published to ClickHouse.
 */
export async function recommendSongs(runId: string, artifacts: RunArtifacts, options: RecsysOptions): Promise<RecsysSummary> {
  const base = { runId, ratings: artifacts.ratings, labelPlays: artifacts.labelPlays, options };
  const refit = !patched(NO_RATING_ERROR_REFIT);
  const [popularity, itemItem, nmf, svd, ratingError] = await Promise.all([
    training.fitRecommender.executeWithOptions({ summary: 'popularity recommender' }, [{ ...base, kind: 'popularity' }]),
    training.fitRecommender.executeWithOptions({ summary: `item-item recommender: ${options.neighbours} neighbours` }, [{ ...base, kind: 'item_item' }]),
    (refit ? training : trainingFirst.longest).fitRecommender.executeWithOptions({ summary: `NMF recommender: ${options.components} factors` }, [{ ...base, kind: 'nmf' }]),
    training.fitRecommender.executeWithOptions({ summary: `truncated SVD recommender: ${options.components} factors` }, [{ ...base, kind: 'svd' }]),
    refit ? training.evaluateRatingError({ runId, ratings: artifacts.ratings, options }) : undefined,
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
