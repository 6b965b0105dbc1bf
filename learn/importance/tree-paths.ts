import type { AdditiveTrees } from '../trees/additive-trees';
import { descendRows } from '../trees/tree-descent';
import type { FeatureMatrix, Probabilities } from '../types';

/** One tree's baseline: where each node's rows sit, each row's output, and what each subtree tests. */
interface TreeBaseline {
  rows: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  values: Float64Array;
  /** Features tested in node i's subtree, feature f as bit f mod 32 (a bit may stand for several). */
  tests: Uint32Array;
}

/**
 * Predicts a matrix again with one column replaced, redoing only what the column can
 * change. Each tree keeps its baseline partition of the rows (TreeBaseline); with feature
 * j replaced, the rows of a node that tests j are sent down its subtree again, and every
 * other row keeps its leaf, since its path compares only unchanged values. Subtrees that
 * test no j are never entered. Outputs are added tree by tree from the same values, so the
 * probabilities equal a full prediction of the changed matrix, to the bit.
 */
export class TreePathCache {
  private readonly baselines: TreeBaseline[];

  constructor(
    private readonly model: AdditiveTrees,
    private readonly x: FeatureMatrix,
  ) {
    const n = x.nRows;
    this.baselines = model.trees.map((tree) => {
      const nodes = tree.feature.length;
      const base: TreeBaseline = {
        rows: Int32Array.from({ length: n }, (_, r) => r),
        starts: new Int32Array(nodes),
        ends: new Int32Array(nodes),
        values: new Float64Array(n),
        tests: new Uint32Array(nodes),
      };
      descendRows(tree, x.columns, base.rows, 0, n, 0, base.values, base.starts, base.ends);
      // Children have higher ids than their parent, so a backward pass sees them first.
      for (let i = nodes - 1; i >= 0; i--) {
        const f = tree.feature[i];
        if (f >= 0) base.tests[i] = (1 << (f & 31)) | base.tests[tree.left[i]] | base.tests[tree.right[i]];
      }
      return base;
    });
  }

  /** Probabilities with column `feature` replaced by `column`. */
  predictWith(feature: number, column: Float64Array): Probabilities {
    const { trees, start, finish } = this.model;
    const n = this.x.nRows;
    const columns = this.x.columns.slice();
    columns[feature] = column;
    const bit = 1 << (feature & 31);
    const sums = new Float64Array(n).fill(start);
    const values = new Float64Array(n);
    const rows = new Int32Array(n);
    trees.forEach((tree, t) => {
      const base = this.baselines[t];
      values.set(base.values);
      const visit = (node: number): void => {
        if ((base.tests[node] & bit) === 0) return;
        if (tree.feature[node] === feature) {
          const s = base.starts[node];
          const e = base.ends[node];
          rows.set(base.rows.subarray(s, e), s);
          descendRows(tree, columns, rows, s, e, node, values);
          return;
        }
        visit(tree.left[node]);
        visit(tree.right[node]);
      };
      visit(0);
      for (let r = 0; r < n; r++) sums[r] += values[r];
    });
    return sums.map(finish);
  }
}
