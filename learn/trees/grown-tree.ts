/** Tree structure with per-node sums; leaves have feature -1. */
export interface GrownTree {
  feature: Int32Array;
  bin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  sumG: Float64Array;
  sumH: Float64Array;
  count: Float64Array;
  /** The tree's rows, reordered so that node i holds rows[start[i]..end[i]). */
  rows: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Total split gain credited to each feature (length = number of features). */
  gainByFeature: Float64Array;
}

/**
 * The nodes of a tree while it grows, numbered in creation order (the root is 0). Plain
 * arrays because the node count is unknown until the tree is done; {@link finish}
 * packs them into typed arrays.
 */
export class TreeNodes {
  private readonly feature: number[] = [];
  private readonly bin: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  readonly sumG: number[] = [];
  readonly sumH: number[] = [];
  readonly count: number[] = [];

  /** A new leaf over rows[start..end) with the given sums; returns its id. */
  add(start: number, end: number, g: number, h: number): number {
    this.feature.push(-1);
    this.bin.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.start.push(start);
    this.end.push(end);
    this.sumG.push(g);
    this.sumH.push(h);
    this.count.push(end - start);
    return this.feature.length - 1;
  }

  /** Turns leaf `id` into a split sending codes <= bin of `feature` to `left`. */
  split(id: number, feature: number, bin: number, left: number, right: number): void {
    this.feature[id] = feature;
    this.bin[id] = bin;
    this.left[id] = left;
    this.right[id] = right;
  }

  finish(rows: Int32Array, gainByFeature: Float64Array): GrownTree {
    return {
      feature: Int32Array.from(this.feature),
      bin: Int32Array.from(this.bin),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      sumG: Float64Array.from(this.sumG),
      sumH: Float64Array.from(this.sumH),
      count: Float64Array.from(this.count),
      rows: rows.slice(),
      start: Int32Array.from(this.start),
      end: Int32Array.from(this.end),
      gainByFeature,
    };
  }
}
