import { tableFromIPC } from 'apache-arrow';
import type { ArtifactStore } from './store';
import { float64Column } from './training-matrix';

/** Ratings in columns: triple i is (uid[i], songId[i], rating[i]). */
export interface RatingsColumns {
  uid: Float64Array;
  songId: Float64Array;
  rating: Float64Array;
}

/** Reads an Arrow IPC export written by exportRatings from the store into typed arrays. */
export async function readRatings(store: ArtifactStore, key: string): Promise<RatingsColumns> {
  return ratingsOf(await store.get(key), key);
}

/** The typed arrays of an Arrow IPC ratings export; `file` names it in errors. */
export function ratingsOf(bytes: Uint8Array, file: string): RatingsColumns {
  const table = tableFromIPC(bytes);
  return {
    uid: float64Column(table, 'uid', file),
    songId: float64Column(table, 'song_id', file),
    rating: float64Column(table, 'rating', file),
  };
}
