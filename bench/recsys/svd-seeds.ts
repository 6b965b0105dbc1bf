/**
 * Seed sensitivity of TruncatedSVD's NDCG@10 on the benchmark split: the spectrum
 * of the synthetic matrix is nearly flat after σ1, so the recovered subspace, and
 * the ranking quality, move with the random test matrix. Compare with svd_seeds.py.
 * Usage: node --import tsx bench/recsys/svd-seeds.ts <data dir> [k] [seeds]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TruncatedSvdModel, buildRatingsMatrix, evaluateRankings, recommendForUser } from '../../recommend';

const dir = process.argv[2] ?? 'bench/out/recsys';
const k = Number(process.argv[3] ?? 20);
const seeds = Number(process.argv[4] ?? 3);
const f64 = (name: string): Float64Array => {
  const buf = readFileSync(join(dir, `${name}.f64`));
  return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8).slice();
};
const matrix = buildRatingsMatrix({ uid: f64('train_uid'), songId: f64('train_song'), rating: f64('train_rating') });
const testUid = f64('test_uid');
const testSong = f64('test_song');
const relevant = new Map<number, Set<number>>();
for (const u of f64('eval_users')) relevant.set(u, new Set());
for (let i = 0; i < testUid.length; i++) relevant.get(testUid[i])?.add(testSong[i]);
const buffer = new Float64Array(matrix.byUser.cols);
for (let seed = 0; seed < seeds; seed++) {
  const model = TruncatedSvdModel.fit(matrix, { components: k, seed });
  const lists = new Map<number, Float64Array>();
  for (const id of relevant.keys()) lists.set(id, recommendForUser(model, matrix, matrix.userIndex.get(id) as number, 10, buffer).songIds);
  console.log(`seed ${seed}: NDCG@10 ${evaluateRankings(lists, relevant, matrix.songIds.length).ndcg.toFixed(4)}`);
}
