import type { FlatTree } from './flat-tree';
import { descendRows } from './tree-descent';
import type { FeatureMatrix, Probabilities } from '../types';

/**
 * A model whose probability is a function of a sum of tree outputs: a forest (sum / trees)
 * or a booster (sigmoid of base score + sum). Both tree models expose themselves this way,
 * so prediction, and work that predicts many near-identical matrices, live once.
 */
export interface AdditiveTrees {
  trees: readonly FlatTree[];
  /** Where each row's sum starts (the booster's base score, the forest's 0). */
  start: number;
  /** Turns a row's sum into its probability. */
  finish: (sum: number) => number;
}

/**
 * Probabilities of every row. Each row's sum starts at `start` and adds the trees' outputs
 * in tree order, whatever order the rows are visited in, so it is the sum a row-by-row walk
 * forms, to the bit.
 */
export function predictAdditive(model: AdditiveTrees, x: FeatureMatrix): Probabilities {
  const n = x.nRows;
  const sums = new Float64Array(n).fill(model.start);
  const rows = new Int32Array(n);
  const values = new Float64Array(n);
  for (const tree of model.trees) {
    for (let r = 0; r < n; r++) rows[r] = r;
    descendRows(tree, x.columns, rows, 0, n, 0, values);
    for (let r = 0; r < n; r++) sums[r] += values[r];
  }
  return sums.map(model.finish);
}
