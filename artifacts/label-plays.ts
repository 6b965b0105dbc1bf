import { tableFromIPC } from 'apache-arrow';
import type { ArtifactStore } from './store';
import { float64Column } from './training-matrix';

/** Songs each rated user newly played in the label window: pair i is (uid[i], songId[i]). */
export interface LabelPlays {
  uid: Float64Array;
  songId: Float64Array;
}

/** Reads an Arrow IPC export written by exportLabelPlays from the store into typed arrays. */
export async function readLabelPlays(store: ArtifactStore, key: string): Promise<LabelPlays> {
  return labelPlaysOf(await store.get(key), key);
}

/** The typed arrays of an Arrow IPC label-plays export; `file` names it in errors. */
export function labelPlaysOf(bytes: Uint8Array, file: string): LabelPlays {
  const table = tableFromIPC(bytes);
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
