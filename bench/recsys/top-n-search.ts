/**
 * Per-user top-n of the three matrix recommenders, two ways on the same fitted models:
 * scoring every song then selecting, against each model's own search (bounded walk for
 * NMF and SVD, reached songs only for item-item). Checks both give the same lists.
 * Usage: node --import tsx bench/recsys/top-n-search.ts <data dir> [k] [users] [n]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ItemItemModel, NmfModel, TruncatedSvdModel, buildRatingsMatrix, ratedSongs, selectTopN, type UserScorer } from '../../recommend';

const dir = process.argv[2] ?? 'bench/out/recsys';
const k = Number(process.argv[3] ?? 20);
const userCount = Number(process.argv[4] ?? 5000);
const n = Number(process.argv[5] ?? 100);

const f64 = (name: string): Float64Array => {
  const buf = readFileSync(join(dir, `${name}.f64`));
  return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8).slice();
};
const cpuSeconds = <T>(fn: () => T): { value: T; cpu: number } => {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { value, cpu: (used.user + used.system) / 1e6 };
};

const matrix = buildRatingsMatrix({ uid: f64('train_uid'), songId: f64('train_song'), rating: f64('train_rating') });
const users = Math.min(userCount, matrix.userIds.length);
console.log(`matrix ${matrix.userIds.length} users × ${matrix.songIds.length} songs; first ${users} users, top ${n}, k = ${k}`);
const models: UserScorer[] = [
  ItemItemModel.fit(matrix, { neighbours: 75, shrinkage: 5 }),
  NmfModel.fit(matrix, { components: k, seed: 0 }),
  TruncatedSvdModel.fit(matrix, { components: k, seed: 0 }),
];
for (const model of models) {
  const buffer = new Float64Array(matrix.songIds.length);
  const full = cpuSeconds(() => Array.from({ length: users }, (_, u) => selectTopN(model.scoreUser(u, buffer), n, ratedSongs(matrix, u))));
  const own = cpuSeconds(() => Array.from({ length: users }, (_, u) => model.topSongs!(u, n, ratedSongs(matrix, u))));
  const same = full.value.every((t, u) => t.indices.join() === own.value[u].indices.join());
  console.log(
    `${model.name.padEnd(10)} full scoring ${(full.cpu * 1000 / users).toFixed(3)} ms/user · own search ${(own.cpu * 1000 / users).toFixed(3)} ms/user · ratio ${(full.cpu / own.cpu).toFixed(1)}× · same lists: ${same}`,
  );
}
