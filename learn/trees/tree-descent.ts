import type { FlatTree } from './flat-tree';

/**
 * Sends rows[start..end) down the subtree at `node`, partitioning them in place at every
 * split the way training did, and writes each row's leaf value into values[row]. A node
 * reads one column for all of its rows, so the work streams through a few small arrays
 * instead of walking row by row through every tree's nodes and every feature's column.
 * The test is predictRaw's (value <= threshold goes left, NaN goes right), so every row
 * reaches the leaf predictRaw finds. When `starts`/`ends` are given, node i's rows end up
 * at rows[starts[i]..ends[i]).
 */
export function descendRows(
  tree: FlatTree,
  columns: Float64Array[],
  rows: Int32Array,
  start: number,
  end: number,
  node: number,
  values: Float64Array,
  starts?: Int32Array,
  ends?: Int32Array,
): void {
  if (starts && ends) {
    starts[node] = start;
    ends[node] = end;
  }
  const f = tree.feature[node];
  if (f < 0) {
    const v = tree.value[node];
    for (let i = start; i < end; i++) values[rows[i]] = v;
    return;
  }
  const column = columns[f];
  const threshold = tree.threshold[node];
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if (column[rows[i]] <= threshold) i++;
    else {
      const t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
      j--;
    }
  }
  descendRows(tree, columns, rows, start, i, tree.left[node], values, starts, ends);
  descendRows(tree, columns, rows, i, end, tree.right[node], values, starts, ends);
}

