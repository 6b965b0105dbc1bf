import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { labelPlaysByUser, readLabelPlays } from '../../artifacts/label-plays';
import { readRatings, type RatingsColumns } from '../../artifacts/ratings';
import { buildRatingsMatrix, evaluateRankings, ItemItemModel, type FitSteps, mae, NmfModel, PopularityModel, ratedSongs, rmse, splitRatings, topSongs, TruncatedSvdModel, type RatingsMatrix, type UserScorer } from '../../recommend';
import { FitRecommenderInput, RANKED_LIST_LENGTH, RATING_HOLDOUT_FRACTION, RatingErrorInput, type FitRecommenderResult, type Ranking, type RatingErrorResult } from '../../messages/recsys';
import { artifactKey, type TrainingDeps } from '../deps';
import { reportProgress } from '../heartbeat';
import { writeCandidateLists, type CandidateLists } from './candidate-lists';

/** Ranking metrics of per-user lists (first k of each) against label-window plays; null where no user has any. */
export function rankingOf(lists: Map<number, ArrayLike<number>>, relevant: Map<number, Set<number>>, catalogue: number): Ranking {
  const r = evaluateRankings(lists, relevant, catalogue, RANKED_LIST_LENGTH);
  const v = (x: number) => (Number.isNaN(x) ? null : x);
  return { users: r.users, precision: v(r.precision), recall: v(r.recall), ndcg: v(r.ndcg), hitRate: v(r.hitRate), coverage: r.coverage };
}

/** Runs `step(i)` for i < n, yielding to the event loop (and heartbeating) every so often. */
async function forEachUser(n: number, step: (i: number) => void): Promise<void> {
  for (let i = 0; i < n; i++) {
    step(i);
    if (i % 500 === 499) {
      reportProgress({ users: i + 1, of: n });
      await yieldToEventLoop();
    }
  }
}

/**
 * Runs a long fit a step at a time, heartbeating and yielding to the event loop between steps:
 * the fit runs on this thread, and without a pause no heartbeat would leave it (ten times the
 * seed's users, the NMF fit outlasted its heartbeat timeout and was started again and again).
 */
async function stepByStep<T>(steps: FitSteps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    reportProgress(step.value);
    await yieldToEventLoop();
  }
}

export function createRecsysActivities({ store }: TrainingDeps) {
  /**
   * Fits one recommender on the run's utility matrix, writes every matrix user's candidate list
   * (rated songs excluded), and judges its head (RANKED_LIST_LENGTH songs) on the songs each user newly plays in the label window.
   */
  async function fitRecommender(raw: FitRecommenderInput): Promise<FitRecommenderResult> {
    const input = FitRecommenderInput.parse(raw);
    const ratings = await readRatings(store, input.ratings);
    const matrix = buildRatingsMatrix(ratings, { minRatedSongs: input.options.minRatedSongs });
    const o = input.options;
    const t0 = Date.now();
    const model = await fitOne(input.kind, matrix, ratings, o);
    const fitSeconds = (Date.now() - t0) / 1000;
    const users = matrix.userIds.length;
    const lists: CandidateLists = { n: o.candidates, songIds: new Float64Array(users * o.candidates).fill(-1), scores: new Float32Array(users * o.candidates) };
    const buffer = new Float64Array(matrix.songIds.length);
    await forEachUser(users, (u) => {
      const top = model(u, buffer);
      for (let i = 0; i < top.songIds.length; i++) {
        lists.songIds[u * o.candidates + i] = top.songIds[i];
        lists.scores[u * o.candidates + i] = top.scores[i];
      }
    });
    const scoreSeconds = (Date.now() - t0) / 1000 - fitSeconds;
    const candidates = artifactKey(input.runId, `recommenders/${input.kind}`);
    await writeCandidateLists(store, candidates, lists);
    const heads = new Map<number, ArrayLike<number>>();
    for (let u = 0; u < users; u++) heads.set(matrix.userIds[u], lists.songIds.subarray(u * o.candidates, u * o.candidates + RANKED_LIST_LENGTH).filter((s) => s >= 0));
    const relevant = labelPlaysByUser(await readLabelPlays(store, input.labelPlays));
    return { kind: input.kind, candidates, users, songs: matrix.songIds.length, ranking: rankingOf(heads, relevant, matrix.songIds.length), fitSeconds, scoreSeconds };
  }

  /** RMSE and MAE of NMF and truncated SVD on held-out ratings (RATING_HOLDOUT_FRACTION of them; fitted on the rest). */
  async function evaluateRatingError(raw: RatingErrorInput): Promise<RatingErrorResult> {
    const input = RatingErrorInput.parse(raw);
    const ratings = await readRatings(store, input.ratings);
    const split = splitRatings(ratings, { testFraction: RATING_HOLDOUT_FRACTION, seed: input.options.seed });
    const matrix = buildRatingsMatrix(split.train, { minRatedSongs: input.options.minRatedSongs });
    const heldOut: number[] = [];
    for (let i = 0; i < split.test.uid.length; i++) {
      if (matrix.userIndex.has(split.test.uid[i]) && matrix.songIndex.has(split.test.songId[i])) heldOut.push(i);
    }
    const errors = (predict: (u: number, s: number) => number) => {
      const predicted = heldOut.map((i) => predict(matrix.userIndex.get(split.test.uid[i])!, matrix.songIndex.get(split.test.songId[i])!));
      const actual = heldOut.map((i) => split.test.rating[i]);
      return { rmse: rmse(predicted, actual), mae: mae(predicted, actual) };
    };
    const nmf = await stepByStep(NmfModel.fitSteps(matrix, { components: input.options.components, seed: input.options.seed }));
    reportProgress({ fitted: 'nmf' });
    const svd = TruncatedSvdModel.fit(matrix, { components: input.options.components, seed: input.options.seed });
    return { heldOut: heldOut.length, nmf: errors((u, s) => nmf.predict(u, s)), svd: errors((u, s) => svd.predict(u, s)) };
  }

  return { fitRecommender, evaluateRatingError };
}

type TopOf = (u: number, buffer: Float64Array) => { songIds: ArrayLike<number>; scores: ArrayLike<number> };

/** Fits one kind of recommender and returns its per-user candidate function (song ids, best first). */
async function fitOne(kind: FitRecommenderInput['kind'], matrix: RatingsMatrix, ratings: RatingsColumns, o: FitRecommenderInput['options'] & { candidates: number }): Promise<TopOf> {
  if (kind === 'popularity') {
    const pop = PopularityModel.fit(ratings);
    return (u) => pop.top(o.candidates, new Set(Array.from(ratedSongs(matrix, u), (s) => matrix.songIds[s])));
  }
  const scorer: UserScorer =
    kind === 'item_item'
      ? await stepByStep(ItemItemModel.fitSteps(matrix, { neighbours: o.neighbours, shrinkage: o.shrinkage }))
      : kind === 'nmf'
        ? await stepByStep(NmfModel.fitSteps(matrix, { components: o.components, seed: o.seed }))
        : TruncatedSvdModel.fit(matrix, { components: o.components, seed: o.seed });
  return (u, buffer) => {
    const top = topSongs(scorer, u, o.candidates, ratedSongs(matrix, u), buffer);
    return { songIds: Array.from(top.indices, (s) => matrix.songIds[s]), scores: top.scores };
  };
}
