import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../../artifacts/atomic-file';

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

export async function writeCandidateLists(filePrefix: string, lists: CandidateLists): Promise<void> {
  fs.mkdirSync(path.dirname(filePrefix), { recursive: true });
  fs.writeFileSync(`${filePrefix}.meta.json`, JSON.stringify({ n: lists.n, users: lists.songIds.length / lists.n }));
  await writeFileAtomically(`${filePrefix}.songs.f64`, Buffer.from(lists.songIds.buffer, lists.songIds.byteOffset, lists.songIds.byteLength));
  await writeFileAtomically(`${filePrefix}.scores.f32`, Buffer.from(lists.scores.buffer, lists.scores.byteOffset, lists.scores.byteLength));
}

export function readCandidateLists(filePrefix: string): CandidateLists {
  const { n } = JSON.parse(fs.readFileSync(`${filePrefix}.meta.json`, 'utf8')) as { n: number };
  const songs = fs.readFileSync(`${filePrefix}.songs.f64`);
  const scores = fs.readFileSync(`${filePrefix}.scores.f32`);
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
