/**
 * Item-item NDCG@10 against the score's denominator shrinkage. With shrinkage 0 the
 * score is a plain similarity-weighted mean of the user's ratings, so a song reached
 * through one weak neighbour of a 5-rated song scores 5 and obscure songs flood the
 * top of the list; a small shrinkage discounts such thin support.
 * Usage: node --import tsx bench/recsys/item-item-shrinkage.ts <data dir> [users] [shrinkages…]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ItemItemModel, buildRatingsMatrix, evaluateRankings, recommendForUser } from '../../recommend';

const dir = process.argv[2] ?? 'bench/out/recsys';
const users = Number(process.argv[3] ?? 5000);
const shrinkages = process.argv.length > 4 ? process.argv.slice(4).map(Number) : [0, 1, 5];
const f64 = (name: string): Float64Array => {
  const buf = readFileSync(join(dir, `${name}.f64`));
  return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8).slice();
};
const matrix = buildRatingsMatrix({ uid: f64('train_uid'), songId: f64('train_song'), rating: f64('train_rating') });
const testUid = f64('test_uid');
const testSong = f64('test_song');
const relevant = new Map<number, Set<number>>();
for (const u of f64('eval_users').subarray(0, users)) relevant.set(u, new Set());
for (let i = 0; i < testUid.length; i++) relevant.get(testUid[i])?.add(testSong[i]);
const fitted = ItemItemModel.fit(matrix).toJSON();
const buffer = new Float64Array(matrix.byUser.cols);
for (const shrinkage of shrinkages) {
  const model = ItemItemModel.load({ ...fitted, shrinkage }, matrix);
  const lists = new Map<number, Float64Array>();
  for (const id of relevant.keys()) lists.set(id, recommendForUser(model, matrix, matrix.userIndex.get(id) as number, 10, buffer).songIds);
  console.log(`shrinkage ${shrinkage}: NDCG@10 ${evaluateRankings(lists, relevant, matrix.songIds.length).ndcg.toFixed(4)} over ${relevant.size} users`);
}
