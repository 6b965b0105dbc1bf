import fs from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { float64Column } from './training-matrix';

/** Songs each rated user newly played in the label window: pair i is (uid[i], songId[i]). */
export interface LabelPlays {
  uid: Float64Array;
  songId: Float64Array;
}

/** Reads an Arrow IPC file written by exportLabelPlays into typed arrays. */
export function readLabelPlays(file: string): LabelPlays {
  const table = tableFromIPC(fs.readFileSync(file));
  return { uid: float64Column(table, 'uid', file), songId: float64Column(table, 'song_id', file) };
}

/** The same pairs as user id → set of song ids, the shape the ranking metrics take. */
export function labelPlaysByUser(plays: LabelPlays): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (let i = 0; i < plays.uid.length; i++) {
    let set = out.get(plays.uid[i]);
    if (!set) out.set(plays.uid[i], (set = new Set()));
    set.add(plays.songId[i]);
  }
  return out;
}
