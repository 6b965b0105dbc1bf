import fs from 'node:fs';
import { ApplicationFailure } from '@temporalio/common';
import { labelPlaysByUser, readLabelPlays } from '../../artifacts/label-plays';
import { rocAuc } from '../../learn';
import { CompareChurnModelsInput, CompareRecommendationsInput, type CompareChurnModelsResult, type CompareRecommendationsResult } from '../../messages/champion';
import { ndcgAtK } from '../../recommend';
import { artifactKey, artifactPath, type TrainingDeps } from '../deps';
import { loadChurnData } from './churn-data';
import { readSavedChurnModel } from './churn-models';

/**
 * The champion guard's measurements. A challenger's own test numbers cannot be compared with the
 * champion's: they were measured on different users. Here both models score the same rows, the
 * challenger's test split, and both lists are judged on the same label-window plays.
 */
export function createGuardActivities({ artifactsDir }: TrainingDeps) {
  async function compareChurnModels(raw: CompareChurnModelsInput): Promise<CompareChurnModelsResult> {
    const input = CompareChurnModelsInput.parse(raw);
    const data = loadChurnData(artifactsDir, input.trainingMatrix, input.seed, input.testFraction);
    const aucOf = (which: 'champion' | 'challenger') => {
      const saved = readSavedChurnModel(artifactsDir, input[which].artifact, input[which].kind);
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
    return { rows: data.test.y.length, positives, champion: aucOf('champion'), challenger: aucOf('challenger') };
  }

  async function compareRecommendations(raw: CompareRecommendationsInput): Promise<CompareRecommendationsResult> {
    const input = CompareRecommendationsInput.parse(raw);
    const relevant = labelPlaysByUser(readLabelPlays(artifactPath(artifactsDir, input.labelPlays)));
    const champion = readPublishedLists(artifactsDir, input.champion);
    const challenger = readPublishedLists(artifactsDir, input.challenger);
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
function readPublishedLists(artifactsDir: string, runId: string): Map<number, number[]> {
  const file = artifactPath(artifactsDir, artifactKey(runId, 'recommendations.tsv'));
  if (!fs.existsSync(file)) {
    throw ApplicationFailure.nonRetryable(`the recommendations of run ${runId} are not in the artifacts folder (${file}): the guard needs them to compare; promote by hand if they were removed`, 'ArtifactMissing');
  }
  const lists = new Map<number, { rank: number; song: number }[]>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const [, uid, rank, song] = line.split('\t');
    const list = lists.get(Number(uid)) ?? [];
    list.push({ rank: Number(rank), song: Number(song) });
    lists.set(Number(uid), list);
  }
  return new Map(Array.from(lists, ([uid, l]) => [uid, l.sort((a, b) => a.rank - b.rank).map((x) => x.song)]));
}
