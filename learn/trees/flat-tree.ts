import type { GrownTree } from './grown-tree';

/**
 * A fitted tree as parallel arrays. Internal nodes send a row left when its code is
 * <= bin, equivalently when its raw value is <= threshold (the bin's upper edge), so
 * raw and binned prediction agree exactly. Leaves have feature -1 and carry `value`.
 */
export interface FlatTree {
  feature: Int32Array;
  bin: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/** Plain-array form of {@link FlatTree} for JSON. */
export interface FlatTreeJSON {
  feature: number[];
  bin: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Attaches raw thresholds and leaf values to a grown tree. */
export function finishTree(
  grown: GrownTree,
  thresholds: Float64Array[],
  leafValue: (sumG: number, sumH: number, count: number) => number,
): FlatTree {
  const n = grown.feature.length;
  const threshold = new Float64Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = grown.feature[i];
    if (f >= 0) threshold[i] = thresholds[f][grown.bin[i]];
    else value[i] = leafValue(grown.sumG[i], grown.sumH[i], grown.count[i]);
  }
  return { feature: grown.feature, bin: grown.bin, threshold, left: grown.left, right: grown.right, value };
}

/** Leaf value for one row of raw columns. */
export function predictRaw(tree: FlatTree, columns: Float64Array[], row: number): number {
  let node = 0;
  let f = tree.feature[0];
  while (f >= 0) {
    // NaN compares false, so it goes right, matching its last-bin code.
    node = columns[f][row] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    f = tree.feature[node];
  }
  return tree.value[node];
}

/**
 * The value one row of raw columns reaches in the tree cut at `maxDepth`: the node where
 * its path stops, which must carry a value (forest trees keep one at every node).
 */
export function predictRawToDepth(tree: FlatTree, columns: Float64Array[], row: number, maxDepth: number): number {
  let node = 0;
  let f = tree.feature[0];
  for (let depth = 0; f >= 0 && depth < maxDepth; depth++) {
    node = columns[f][row] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    f = tree.feature[node];
  }
  return tree.value[node];
}

/** Leaf value for one row of bin codes. */
export function predictBinned(tree: FlatTree, codes: Uint8Array[], row: number): number {
  return tree.value[leafOfBinned(tree, codes, row)];
}

/** Index of the leaf one row of bin codes reaches. */
export function leafOfBinned(tree: FlatTree, codes: Uint8Array[], row: number): number {
  let node = 0;
  let f = tree.feature[0];
  while (f >= 0) {
    node = codes[f][row] <= tree.bin[node] ? tree.left[node] : tree.right[node];
    f = tree.feature[node];
  }
  return node;
}

/** Length of the longest root-to-leaf path (a single leaf has depth 0). */
export function treeDepth(tree: FlatTree): number {
  const depthOf = (node: number): number =>
    tree.feature[node] < 0 ? 0 : 1 + Math.max(depthOf(tree.left[node]), depthOf(tree.right[node]));
  return depthOf(0);
}

export function treeToJSON(tree: FlatTree): FlatTreeJSON {
  return {
    feature: Array.from(tree.feature),
    bin: Array.from(tree.bin),
    threshold: Array.from(tree.threshold),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    value: Array.from(tree.value),
  };
}

export function treeFromJSON(json: FlatTreeJSON): FlatTree {
  return {
    feature: Int32Array.from(json.feature),
    bin: Int32Array.from(json.bin),
    threshold: Float64Array.from(json.threshold),
    left: Int32Array.from(json.left),
    right: Int32Array.from(json.right),
    value: Float64Array.from(json.value),
  };
}
