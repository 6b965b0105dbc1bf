import { labelPlaysByUser, readLabelPlays } from '../../artifacts/label-plays';
import { readRatings } from '../../artifacts/ratings';
import { readTrainingMatrix } from '../../artifacts/training-matrix';
import { blendCandidateLists, buildRatingsMatrix, minMaxNormalise, overlapTable, PopularityModel, type BlendedSong, type RatingsMatrix } from '../../recommend';
import { BlendInput, type BlendResult } from '../../messages/recsys';
import { artifactKey, type TrainingDeps } from '../deps';
import { reportProgress } from '../heartbeat';
import { listOf, readCandidateLists, type CandidateLists } from './candidate-lists';
import { rankingOf } from './recsys-activities';

const MODELS = ['popularity', 'item_item', 'nmf', 'svd'] as const;

/**
 * Blends the four recommenders' candidate lists for every user of the run (0.2 popularity +
 * 0.2 item-item + 0.6 NMF∩SVD by default); users with too few rated songs get popularity only.
 * Writes the published rows as TSV and judges the blend like the single models.
 */
export function createBlendActivity({ store }: TrainingDeps) {
  return async function blendRecommendations(raw: BlendInput): Promise<BlendResult> {
    const input = BlendInput.parse(raw);
    const o = input.options;
    const ratings = await readRatings(store, input.ratings);
    const matrix = buildRatingsMatrix(ratings, { minRatedSongs: o.minRatedSongs });
    const pop = PopularityModel.fit(ratings);
    const lists = Object.fromEntries(await Promise.all(MODELS.map(async (m) => [m, await readCandidateLists(store, input.candidates[m])]))) as Record<(typeof MODELS)[number], CandidateLists>;
    const users = (await readTrainingMatrix(store, input.trainingMatrix)).uids;

    const lines: string[] = [];
    const blended = new Map<number, ArrayLike<number>>();
    let cold = 0;
    users.forEach((uid, i) => {
      const u = matrix.userIndex.get(uid);
      let songs: BlendedSong[];
      if (u === undefined) {
        cold++;
        songs = coldStartList(pop, matrix, uid, o.candidates, o.n);
      } else {
        songs = blendCandidateLists(
          { popularity: listOf(lists.popularity, u), itemItem: listOf(lists.item_item, u), nmf: listOf(lists.nmf, u), svd: listOf(lists.svd, u) },
          o.weights,
          o.n,
        );
        blended.set(uid, songs.map((s) => s.songId));
      }
      songs.forEach((s, rank) => lines.push(`${input.runId}\t${uid}\t${rank + 1}\t${s.songId}\t${s.score}\t[${[...new Set(s.models)].map((m) => `'${m}'`).join(',')}]`));
      if (i % 5000 === 4999) reportProgress({ users: i + 1, of: users.length });
    });
    const recommendations = artifactKey(input.runId, 'recommendations.tsv');
    await store.put(recommendations, Buffer.from(lines.join('\n') + (lines.length ? '\n' : '')));

    const relevant = labelPlaysByUser(await readLabelPlays(store, input.labelPlays));
    return { recommendations, users: users.length, coldStartUsers: cold, ranking: rankingOf(blended, relevant, matrix.songIds.length), overlap: overlaps(lists, matrix) };
  };
}

/** The popularity list for a user outside the utility matrix, minus the songs they rated. */
function coldStartList(pop: PopularityModel, matrix: RatingsMatrix, uid: number, candidates: number, n: number): BlendedSong[] {
  const { userIds, indptr, songIds } = matrix.coldStart;
  const at = binarySearch(userIds, uid);
  const rated = new Set(at < 0 ? [] : songIds.subarray(indptr[at], indptr[at + 1]));
  const top = pop.top(candidates, rated);
  const norm = minMaxNormalise(top.scores);
  return Array.from(top.songIds.subarray(0, n), (songId, i) => ({ songId, score: norm[i], models: ['popularity'] }));
}

function binarySearch(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The seed's comparison: mean share of top-10 and top-100 songs two models have in common. */
function overlaps(lists: Record<string, CandidateLists>, matrix: RatingsMatrix) {
  const byModel = (n: number) =>
    new Map(Object.entries(lists).map(([name, l]) => [name, new Map(Array.from(matrix.userIds, (uid, u) => [uid, listOf(l, u).songIds.subarray(0, n)] as const))]));
  const top10 = overlapTable(byModel(10), 10);
  const top100 = overlapTable(byModel(100), 100);
  return top10.map((row, i) => ({ a: row.a, b: row.b, top10: row.value, top100: top100[i].value }));
}
