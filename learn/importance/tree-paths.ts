import { predictRaw } from '../trees/flat-tree';
import type { AdditiveTrees } from '../trees/additive-trees';
import type { FeatureMatrix, Probabilities } from '../types';

/**
 * Predicts a matrix again with one column replaced, recomputing only what the column can
 * change. For every (tree, row) it keeps the output and which features the row's path
 * tests (feature j as bit j mod 32, so a bit may stand for several features: such a path is
 * recomputed needlessly but never wrongly). A path that does not test the replaced feature
 * reaches the same leaf, so its kept output is reused. Sums are formed in tree order from
 * the same values, so the probabilities equal a full prediction's to the bit.
 */
export class TreePathCache {
  private readonly values: Float64Array;
  private readonly masks: Uint32Array;
  private readonly nRows: number;

  constructor(
    private readonly model: AdditiveTrees,
    private readonly x: FeatureMatrix,
  ) {
    this.nRows = x.nRows;
    const { trees } = model;
    this.values = new Float64Array(trees.length * x.nRows);
    this.masks = new Uint32Array(trees.length * x.nRows);
    // Row-major (row r's trees at r * trees + t), the order predictWith reads them in.
    const nTrees = trees.length;
    for (let t = 0; t < nTrees; t++) {
      const tree = trees[t];
      for (let r = 0; r < x.nRows; r++) {
        let node = 0;
        let mask = 0;
        let f = tree.feature[0];
        while (f >= 0) {
          mask |= 1 << (f & 31);
          node = x.columns[f][r] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
          f = tree.feature[node];
        }
        this.values[r * nTrees + t] = tree.value[node];
        this.masks[r * nTrees + t] = mask;
      }
    }
  }

  /** Probabilities with column `feature` replaced by `column`. */
  predictWith(feature: number, column: Float64Array): Probabilities {
    const { trees, start, finish } = this.model;
    const columns = this.x.columns.slice();
    columns[feature] = column;
    const bit = 1 << (feature & 31);
    const n = this.nRows;
    const nTrees = trees.length;
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let sum = start;
      for (let t = 0; t < nTrees; t++) {
        const at = r * nTrees + t;
        sum += (this.masks[at] & bit) === 0 ? this.values[at] : predictRaw(trees[t], columns, r);
      }
      out[r] = finish(sum);
    }
    return out;
  }
}
