/**
 * Maps arbitrary numeric ids to dense indices 0..n-1 in ascending id order, so that
 * "ties by id" and "ties by index" mean the same thing everywhere.
 */
export interface DenseIndex {
  /** Distinct ids, ascending; position = dense index. */
  readonly ids: Float64Array;
  /** Dense index of each input element. */
  readonly codes: Int32Array;
}

export function denseIndex(values: Float64Array): DenseIndex {
  const provisional = new Map<number, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let c = provisional.get(v);
    if (c === undefined) {
      c = provisional.size;
      provisional.set(v, c);
    }
    codes[i] = c;
  }
  const ids = Float64Array.from(provisional.keys()).sort();
  const remap = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) remap[provisional.get(ids[i]) as number] = i;
  for (let i = 0; i < codes.length; i++) codes[i] = remap[codes[i]];
  return { ids, codes };
}

/** id → dense index lookup for a sorted id array. */
export function indexLookup(ids: Float64Array): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) map.set(ids[i], i);
  return map;
}
