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

/**
 * The same pairs as user id → set of song ids, the shape the ranking metrics take. Users come in
 * ascending id order whatever the order of the pairs (the export promises none), so metrics summed
 * over users come out the same to the last bit on every run.
 */
export function labelPlaysByUser(plays: LabelPlays): Map<number, Set<number>> {
  const users = Float64Array.from(new Set(plays.uid)).sort();
  const out = new Map<number, Set<number>>(Array.from(users, (uid) => [uid, new Set<number>()]));
  for (let i = 0; i < plays.uid.length; i++) out.get(plays.uid[i])!.add(plays.songId[i]);
  return out;
}
