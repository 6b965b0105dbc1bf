/** Reorders rows[start..end) so codes <= bin come first; returns the boundary. */
export function partition(rows: Int32Array, start: number, end: number, codes: Uint8Array, bin: number): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if (codes[rows[i]] <= bin) i++;
    else {
      const t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
      j--;
    }
  }
  return i;
}
