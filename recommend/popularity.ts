/**
 * Popularity: songs ranked by the number of distinct users who rated them, ties by
 * song id ascending. It is fitted on all ratings (cold-start users included),
 * because it is the list cold-start users receive.
 */
import { denseIndex } from './dense-index';
import { csrFromCoordinates } from './sparse-matrix';
import type { RatingColumns } from './types';

export interface PopularityJSON {
  readonly kind: 'popularity';
  readonly songIds: number[];
  readonly counts: number[];
}

export class PopularityModel {
  readonly name = 'popularity';

  /** `songIds` ranked best first with their distinct-user `counts`. */
  private constructor(
    readonly songIds: Float64Array,
    readonly counts: Float64Array,
  ) {}

  static fit(input: Pick<RatingColumns, 'uid' | 'songId'>): PopularityModel {
    const songs = denseIndex(input.songId);
    const users = denseIndex(input.uid);
    // Songs as rows, users sorted within: distinct users are runs of unequal indices.
    const bySong = csrFromCoordinates(
      songs.ids.length,
      users.ids.length,
      songs.codes,
      users.codes,
      new Float64Array(songs.codes.length),
    );
    const counts = new Float64Array(songs.ids.length);
    for (let s = 0; s < bySong.rows; s++) {
      let n = 0;
      for (let p = bySong.indptr[s]; p < bySong.indptr[s + 1]; p++) {
        if (p === bySong.indptr[s] || bySong.indices[p] !== bySong.indices[p - 1]) n++;
      }
      counts[s] = n;
    }
    // Dense indices follow ascending id, so an index tie-break is the id tie-break.
    const order = Array.from({ length: counts.length }, (_, i) => i);
    order.sort((a, b) => counts[b] - counts[a] || a - b);
    return new PopularityModel(
      Float64Array.from(order, (i) => songs.ids[i]),
      Float64Array.from(order, (i) => counts[i]),
    );
  }

  /**
   * The `n` most popular songs not in `exclude` (song ids). Score = distinct-user count.
   */
  top(n: number, exclude: ReadonlySet<number> = new Set()): { songIds: Float64Array; scores: Float64Array } {
    const ids: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < this.songIds.length && ids.length < n; i++) {
      if (exclude.has(this.songIds[i])) continue;
      ids.push(this.songIds[i]);
      scores.push(this.counts[i]);
    }
    return { songIds: Float64Array.from(ids), scores: Float64Array.from(scores) };
  }

  toJSON(): PopularityJSON {
    return { kind: 'popularity', songIds: Array.from(this.songIds), counts: Array.from(this.counts) };
  }

  static load(json: PopularityJSON): PopularityModel {
    if (json.kind !== 'popularity' || json.songIds.length !== json.counts.length) {
      throw new TypeError('not a popularity model: expected kind "popularity" and equal-length songIds/counts');
    }
    return new PopularityModel(Float64Array.from(json.songIds), Float64Array.from(json.counts));
  }
}
