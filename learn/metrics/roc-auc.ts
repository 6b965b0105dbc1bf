import type { Labels } from '../types';
import { argsortAscending } from './rank';

/**
 * Area under the ROC curve via the Mann–Whitney statistic. Tied scores share their
 * average rank, which makes the result equal to the trapezoidal ROC area.
 * Returns NaN when only one class is present (the area is undefined).
 */
export function rocAuc(labels: Labels, scores: ArrayLike<number>): number {
  if (labels.length !== scores.length) {
    throw new RangeError(`labels (${labels.length}) and scores (${scores.length}) differ in length`);
  }
  const order = argsortAscending(scores);
  let nPos = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        nPos++;
        positiveRankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (positiveRankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
