import { deriveSeed, mulberry32 } from '../random';
import { finishTree, type FlatTree } from './flat-tree';
import { growTree } from './tree-grower';

/** Binned training data a forest tree needs; shareable with worker threads. */
export interface ForestTreeData {
  codes: Uint8Array[];
  nBins: Int32Array;
  thresholds: Float64Array[];
  labels: Uint8Array;
}

/** Resolved settings of every tree in a forest. */
export interface ForestTreeSettings {
  maxDepth: number;
  minSamplesLeaf: number;
  featuresPerSplit: number;
  minGain: number;
  bootstrap: boolean;
  seed: number;
}

export interface ForestTreeResult {
  tree: FlatTree;
  /** Mean decrease in gini impurity per feature, normalised to sum to 1 (all 0 for a stump-less tree). */
  importance: Float64Array;
}

/**
 * Trains tree `treeIndex` of a forest. Its random stream depends only on
 * (seed, treeIndex), so trees are identical whichever thread builds them.
 */
export function trainForestTree(data: ForestTreeData, treeIndex: number, settings: ForestTreeSettings): ForestTreeResult {
  const rng = mulberry32(deriveSeed(settings.seed, treeIndex));
  const nRows = data.labels.length;
  const weight = new Float64Array(nRows);
  if (settings.bootstrap) {
    for (let i = 0; i < nRows; i++) weight[Math.floor(rng() * nRows)] += 1;
  } else weight.fill(1);
  const rowList: number[] = [];
  const grad = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    if (weight[i] === 0) continue;
    rowList.push(i);
    grad[i] = data.labels[i] * weight[i];
  }
  const features = new Int32Array(data.codes.length);
  for (let j = 0; j < features.length; j++) features[j] = j;
  // Drawn after the bootstrap, so it too depends only on (seed, treeIndex).
  const featureSeed = Math.floor(rng() * 2 ** 32);
  const grown = growTree(
    { codes: data.codes, nBins: data.nBins, grad, hess: weight, rows: Int32Array.from(rowList), features, featureSeed },
    {
      maxDepth: settings.maxDepth,
      minSamplesLeaf: settings.minSamplesLeaf,
      minChildWeight: 0,
      l2: 0,
      minGain: settings.minGain,
      featuresPerSplit: settings.featuresPerSplit,
    },
  );
  // Leaf value = weighted share of churners among the bootstrap rows in the leaf.
  const tree = finishTree(grown, data.thresholds, (g, h) => g / h);
  // Internal nodes keep their share too: the tree cut at a smaller depth predicts from them (see predictRawToDepth).
  for (let i = 0; i < tree.value.length; i++) if (tree.feature[i] >= 0) tree.value[i] = grown.sumG[i] / grown.sumH[i];
  const importance = Float64Array.from(grown.gainByFeature);
  const total = importance.reduce((a, b) => a + b, 0);
  if (total > 0) for (let j = 0; j < importance.length; j++) importance[j] /= total;
  return { tree, importance };
}
