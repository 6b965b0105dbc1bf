import type { ArtifactStore } from '../../artifacts/store';

/**
 * Per-user candidate lists of one recommender: for user i of the rating matrix (in its user
 * order), slots i·n … i·n+n−1 hold song ids (−1 where the list is shorter) and scores. Stored as
 * two raw typed-array files so the blend reads 50,000 users × 100 songs without parsing.
 */
export interface CandidateLists {
  n: number;
  songIds: Float64Array;
  scores: Float32Array;
}

/** Writes the lists under `<prefix>.songs.f64`, `<prefix>.scores.f32` and, last, `<prefix>.meta.json`. */
export async function writeCandidateLists(store: ArtifactStore, prefix: string, lists: CandidateLists): Promise<void> {
  await store.put(`${prefix}.songs.f64`, new Uint8Array(lists.songIds.buffer, lists.songIds.byteOffset, lists.songIds.byteLength));
  await store.put(`${prefix}.scores.f32`, new Uint8Array(lists.scores.buffer, lists.scores.byteOffset, lists.scores.byteLength));
  await store.put(`${prefix}.meta.json`, Buffer.from(JSON.stringify({ n: lists.n, users: lists.songIds.length / lists.n })));
}

export async function readCandidateLists(store: ArtifactStore, prefix: string): Promise<CandidateLists> {
  const { n } = JSON.parse((await store.get(`${prefix}.meta.json`)).toString('utf8')) as { n: number };
  const songs = await store.get(`${prefix}.songs.f64`);
  const scores = await store.get(`${prefix}.scores.f32`);
  return {
    n,
    songIds: new Float64Array(songs.buffer.slice(songs.byteOffset, songs.byteOffset + songs.byteLength)),
    scores: new Float32Array(scores.buffer.slice(scores.byteOffset, scores.byteOffset + scores.byteLength)),
  };
}

/** The list of user i: song ids and scores, padding removed. */
export function listOf(lists: CandidateLists, user: number): { songIds: Float64Array; scores: Float32Array } {
  const start = user * lists.n;
  let end = start;
  while (end < start + lists.n && lists.songIds[end] >= 0) end++;
  return { songIds: lists.songIds.subarray(start, end), scores: lists.scores.subarray(start, end) };
}
