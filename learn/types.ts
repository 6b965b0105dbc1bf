import type { AdditiveTrees } from './trees/additive-trees';

/**
 * Column-major feature matrix: one Float64Array per feature, each of length `nRows`.
 * Column-major keeps per-feature work (binning, standardising, permuting) contiguous.
 */
export interface FeatureMatrix {
  nRows: number;
  names: string[];
  columns: Float64Array[];
}

/** Binary labels, 1 = churned. */
export type Labels = Uint8Array;

/** Predicted probability of class 1 per row. */
export type Probabilities = Float64Array;

/** Anything that scores rows with a class-1 probability. */
export interface ProbabilisticClassifier {
  predictProba(x: FeatureMatrix): Probabilities;
  /** Tree models: their probability as a function of a sum of tree outputs (see AdditiveTrees). */
  additiveTrees?(): AdditiveTrees;
}
