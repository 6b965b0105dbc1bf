/**
 * Partial selection of the best n entries: a bounded min-heap whose root is the
 * worst kept entry, so each candidate costs one comparison unless it beats the root.
 * Order: score descending, ties by index ascending (deterministic across models).
 */

/** Result of a selection: entries best first. */
export interface TopN {
  readonly indices: Int32Array;
  readonly scores: Float64Array;
}

/** Accumulates candidates one by one and keeps the best `n`. */
export class TopNCollector {
  private readonly heapIndex: Int32Array;
  private readonly heapScore: Float64Array;
  private size = 0;

  constructor(private readonly n: number) {
    this.heapIndex = new Int32Array(Math.max(0, n));
    this.heapScore = new Float64Array(Math.max(0, n));
  }

  /** Offers a candidate; NaN scores are ignored. */
  push(index: number, score: number): void {
    if (this.n <= 0 || Number.isNaN(score)) return;
    if (this.size < this.n) {
      this.heapIndex[this.size] = index;
      this.heapScore[this.size] = score;
      this.siftUp(this.size++);
    } else if (worse(this.heapScore[0], this.heapIndex[0], score, index)) {
      this.heapIndex[0] = index;
      this.heapScore[0] = score;
      this.siftDown(0);
    }
  }

  /**
   * The score a candidate must beat to enter: the worst kept score once `n` entries are
   * kept, −∞ before (+∞ when nothing is kept). An equal score enters only with a smaller index.
   */
  threshold(): number {
    if (this.n <= 0) return Infinity;
    return this.size < this.n ? -Infinity : this.heapScore[0];
  }

  /** The kept entries, best first. */
  result(): TopN {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.heapScore[b] - this.heapScore[a] || this.heapIndex[a] - this.heapIndex[b]);
    return {
      indices: Int32Array.from(order, (i) => this.heapIndex[i]),
      scores: Float64Array.from(order, (i) => this.heapScore[i]),
    };
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(this.heapScore[i], this.heapIndex[i], this.heapScore[parent], this.heapIndex[parent])) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && worse(this.heapScore[l], this.heapIndex[l], this.heapScore[m], this.heapIndex[m])) m = l;
      if (r < this.size && worse(this.heapScore[r], this.heapIndex[r], this.heapScore[m], this.heapIndex[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const i = this.heapIndex[a];
    this.heapIndex[a] = this.heapIndex[b];
    this.heapIndex[b] = i;
    const s = this.heapScore[a];
    this.heapScore[a] = this.heapScore[b];
    this.heapScore[b] = s;
  }
}

/** True when (scoreA, indexA) ranks below (scoreB, indexB). */
function worse(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && indexA > indexB);
}

/**
 * Best `n` entries of a dense score vector, skipping `exclude` (indices sorted
 * ascending, e.g. a user's rated songs from a CSR row).
 */
export function selectTopN(scores: Float64Array, n: number, exclude: ArrayLike<number> = []): TopN {
  const collector = new TopNCollector(n);
  let e = 0;
  for (let i = 0; i < scores.length; i++) {
    while (e < exclude.length && exclude[e] < i) e++;
    if (e < exclude.length && exclude[e] === i) continue;
    collector.push(i, scores[i]);
  }
  return collector.result();
}
