/**
 * Agreement between models' recommendation lists, averaged over the users both
 * models have lists for. Two measures of the first n entries A and B:
 * - 'shared-fraction': |A ∩ B| / n (the seed report counts shared songs; divided by n);
 * - 'jaccard': |A ∩ B| / |A ∪ B|.
 */

export type OverlapMeasure = 'shared-fraction' | 'jaccard';

export function listOverlap(a: ArrayLike<number>, b: ArrayLike<number>, n: number, measure: OverlapMeasure): number {
  const left = new Set<number>();
  for (let i = 0; i < Math.min(n, a.length); i++) left.add(a[i]);
  const right = new Set<number>();
  for (let i = 0; i < Math.min(n, b.length); i++) right.add(b[i]);
  let shared = 0;
  for (const x of right) if (left.has(x)) shared++;
  if (measure === 'shared-fraction') return shared / n;
  const union = left.size + right.size - shared;
  return union === 0 ? 1 : shared / union;
}

export interface OverlapRow {
  readonly a: string;
  readonly b: string;
  readonly n: number;
  readonly measure: OverlapMeasure;
  /** Mean over common users. */
  readonly value: number;
  readonly users: number;
}

/**
 * One row per unordered pair of models.
 * @param lists model name → (user id → ranked song ids)
 */
export function overlapTable(
  lists: ReadonlyMap<string, ReadonlyMap<number, ArrayLike<number>>>,
  n: number,
  measure: OverlapMeasure = 'shared-fraction',
): OverlapRow[] {
  const names = [...lists.keys()];
  const rows: OverlapRow[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = lists.get(names[i]) as ReadonlyMap<number, ArrayLike<number>>;
      const b = lists.get(names[j]) as ReadonlyMap<number, ArrayLike<number>>;
      let sum = 0;
      let users = 0;
      for (const [user, listA] of a) {
        const listB = b.get(user);
        if (listB === undefined) continue;
        sum += listOverlap(listA, listB, n, measure);
        users++;
      }
      rows.push({ a: names[i], b: names[j], n, measure, value: users > 0 ? sum / users : NaN, users });
    }
  }
  return rows;
}
