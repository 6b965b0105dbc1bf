import fs from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { float64Column } from './training-matrix';

/** Ratings in columns: triple i is (uid[i], songId[i], rating[i]). */
export interface RatingsColumns {
  uid: Float64Array;
  songId: Float64Array;
  rating: Float64Array;
}

/** Reads an Arrow IPC file written by exportRatings into typed arrays. */
export function readRatings(file: string): RatingsColumns {
  const table = tableFromIPC(fs.readFileSync(file));
  return {
    uid: float64Column(table, 'uid', file),
    songId: float64Column(table, 'song_id', file),
    rating: float64Column(table, 'rating', file),
  };
}
