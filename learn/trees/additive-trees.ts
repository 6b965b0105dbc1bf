import { predictRaw, type FlatTree } from './flat-tree';
import type { FeatureMatrix, Probabilities } from '../types';

/**
 * A model whose probability is a function of a sum of tree outputs: a forest (sum / trees)
 * or a booster (sigmoid of base score + sum). Both tree models expose themselves this way,
 * so work that predicts many near-identical matrices can reuse what did not change.
 */
export interface AdditiveTrees {
  trees: readonly FlatTree[];
  /** Where each row's sum starts (the booster's base score, the forest's 0). */
  start: number;
  /** Turns a row's sum into its probability. */
  finish: (sum: number) => number;
}

/** Probabilities of every row: trees added in index order, as the models' own predictProba do. */
export function predictAdditive(model: AdditiveTrees, x: FeatureMatrix): Probabilities {
  const out = new Float64Array(x.nRows);
  for (let r = 0; r < x.nRows; r++) {
    let sum = model.start;
    for (const tree of model.trees) sum += predictRaw(tree, x.columns, r);
    out[r] = model.finish(sum);
  }
  return out;
}
