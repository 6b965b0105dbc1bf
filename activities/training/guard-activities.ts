import { ApplicationFailure } from '@temporalio/common';
import { labelPlaysByUser, readLabelPlays } from '../../artifacts/label-plays';
import { rocAuc } from '../../learn';
import { CompareChurnModelsInput, CompareRecommendationsInput, type CompareChurnModelsResult, type CompareRecommendationsResult } from '../../messages/champion';
import { ndcgAtK } from '../../recommend';
import { ArtifactNotFound, type ArtifactStore } from '../../artifacts/store';
import { artifactKey, type TrainingDeps } from '../deps';
import { loadChurnData } from './churn-data';
import { readSavedChurnModel } from './churn-models';

/**
 * The champion guard's measurements. A challenger's own test numbers cannot be compared with the
 * champion's: they were measured on different users. Here both models score the same rows, the
 * challenger's test split, and both lists are judged on the same label-window plays.
 */
export function createGuardActivities({ store }: TrainingDeps) {
  async function compareChurnModels(raw: CompareChurnModelsInput): Promise<CompareChurnModelsResult> {
    const input = CompareChurnModelsInput.parse(raw);
    const data = await loadChurnData(store, input.trainingMatrix, input.seed, input.testFraction);
    const aucOf = async (which: 'champion' | 'challenger') => {
      const saved = await readSavedChurnModel(store, input[which].artifact, input[which].kind);
      if (saved.features.join() !== data.names.join()) {
        throw ApplicationFailure.nonRetryable(
          `the ${which} model (${input[which].artifact}) was trained on other feature columns than ${input.trainingMatrix}: ` +
            'promote by hand (musicbox service promote RUN) if the feature set changed on purpose',
          'FeatureColumnsDiffer',
        );
      }
      return rocAuc(data.test.y, saved.model.predictProba(data.test.x));
    };
    const positives = data.test.y.reduce((s, v) => s + v, 0);
    return { rows: data.test.y.length, positives, champion: await aucOf('champion'), challenger: await aucOf('challenger') };
  }

  async function compareRecommendations(raw: CompareRecommendationsInput): Promise<CompareRecommendationsResult> {
    const input = CompareRecommendationsInput.parse(raw);
    const relevant = labelPlaysByUser(await readLabelPlays(store, input.labelPlays));
    const champion = await readPublishedLists(store, input.champion);
    const challenger = await readPublishedLists(store, input.challenger);
    let users = 0;
    let sums = { champion: 0, challenger: 0 };
    for (const [uid, rel] of relevant) {
      const a = champion.get(uid);
      const b = challenger.get(uid);
      if (!a || !b || rel.size === 0) continue;
      users++;
      sums = { champion: sums.champion + ndcgAtK(a, rel, 10), challenger: sums.challenger + ndcgAtK(b, rel, 10) };
    }
    return { users, champion: users ? sums.champion / users : null, challenger: users ? sums.challenger / users : null };
  }

  return { compareChurnModels, compareRecommendations };
}

/** A run's published lists (the file blendRecommendations wrote and publishRecommendations loaded), user → songs by rank. */
async function readPublishedLists(store: ArtifactStore, runId: string): Promise<Map<number, number[]>> {
  const key = artifactKey(runId, 'recommendations.tsv');
  let text: string;
  try {
    text = (await store.get(key)).toString('utf8');
  } catch (err) {
    if (!(err instanceof ArtifactNotFound)) throw err;
    throw ApplicationFailure.nonRetryable(`the recommendations of run ${runId} are not in ${store.location} (${key}): the guard needs them to compare; promote by hand if they were removed`, 'ArtifactMissing');
  }
  const lists = new Map<number, { rank: number; song: number }[]>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [, uid, rank, song] = line.split('\t');
    const list = lists.get(Number(uid)) ?? [];
    list.push({ rank: Number(rank), song: Number(song) });
    lists.set(Number(uid), list);
  }
  return new Map(Array.from(lists, ([uid, l]) => [uid, l.sort((a, b) => a.rank - b.rank).map((x) => x.song)]));
}
