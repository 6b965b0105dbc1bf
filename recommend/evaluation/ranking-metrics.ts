/**
 * Top-k ranking metrics with binary relevance against a user's held-out songs.
 * `ranked` is a recommendation list best first; only its first k entries count.
 */

/** Default cut-off of every metric here. */
export const DEFAULT_K = 10;

function hits(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let h = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i])) h++;
  return h;
}

/** Relevant songs among the first k, divided by k (a short list is not rewarded). */
export function precisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k = DEFAULT_K): number {
  return hits(ranked, relevant, k) / k;
}

/** Relevant songs among the first k, divided by the number of relevant songs (NaN if none). */
export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k = DEFAULT_K): number {
  return relevant.size === 0 ? NaN : hits(ranked, relevant, k) / relevant.size;
}

/** 1 when any of the first k is relevant, else 0. */
export function hitRateAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k = DEFAULT_K): number {
  return hits(ranked, relevant, k) > 0 ? 1 : 0;
}

/**
 * DCG@k / IDCG@k with DCG = Σ_{i<k} rel_i / log2(i + 2) (rank 1 has discount 1) and
 * IDCG the DCG of min(k, |relevant|) relevant songs at the top. NaN if none relevant.
 */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k = DEFAULT_K): number {
  if (relevant.size === 0) return NaN;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i])) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** Distinct songs recommended in anyone's first k, divided by the catalogue size. */
export function catalogueCoverage(lists: Iterable<ArrayLike<number>>, catalogueSize: number, k = DEFAULT_K): number {
  const seen = new Set<number>();
  for (const list of lists) for (let i = 0; i < Math.min(k, list.length); i++) seen.add(list[i]);
  return catalogueSize > 0 ? seen.size / catalogueSize : NaN;
}

export interface RankingSummary {
  /** Users evaluated: those with at least one held-out relevant song. */
  readonly users: number;
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly hitRate: number;
  /** Catalogue coverage of the evaluated users' lists. */
  readonly coverage: number;
}

/**
 * Means over users that have both a recommendation list and ≥ 1 relevant song.
 * @param recommendations user id → ranked song ids
 * @param relevant user id → held-out relevant song ids
 */
export function evaluateRankings(
  recommendations: ReadonlyMap<number, ArrayLike<number>>,
  relevant: ReadonlyMap<number, ReadonlySet<number>>,
  catalogueSize: number,
  k = DEFAULT_K,
): RankingSummary {
  let users = 0;
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let hitRate = 0;
  const lists: ArrayLike<number>[] = [];
  for (const [user, rel] of relevant) {
    const ranked = recommendations.get(user);
    if (ranked === undefined || rel.size === 0) continue;
    users++;
    lists.push(ranked);
    precision += precisionAtK(ranked, rel, k);
    recall += recallAtK(ranked, rel, k);
    ndcg += ndcgAtK(ranked, rel, k);
    hitRate += hitRateAtK(ranked, rel, k);
  }
  const mean = (x: number): number => (users > 0 ? x / users : NaN);
  return {
    users,
    precision: mean(precision),
    recall: mean(recall),
    ndcg: mean(ndcg),
    hitRate: mean(hitRate),
    coverage: catalogueCoverage(lists, catalogueSize, k),
  };
}
