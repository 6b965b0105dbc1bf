import type { RatingColumns } from '../../../recommend';

/** Ratings from [uid, songId, rating] triples. */
export function columns(triples: ReadonlyArray<readonly [number, number, number]>): RatingColumns {
  return {
    uid: Float64Array.from(triples, (t) => t[0]),
    songId: Float64Array.from(triples, (t) => t[1]),
    rating: Float64Array.from(triples, (t) => t[2]),
  };
}

/** Fully observed rank-1 matrix r_ij = a_i · b_j (users 100.., songs 7, 17, ...). */
export function rankOne(a: number[], b: number[]): RatingColumns {
  const triples: [number, number, number][] = [];
  a.forEach((x, i) => b.forEach((y, j) => triples.push([100 + i, 7 + 10 * j, x * y])));
  return columns(triples);
}
