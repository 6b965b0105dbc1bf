/**
 * Node side of the recommender benchmark: fits every model on the training columns
 * written by generate.py, evaluates NDCG@10 on the held-out songs of the sampled
 * users, times full per-user top-10 scoring, and prints ratios against the
 * scikit-learn results of the same run (sklearn.json).
 * Usage: node --import tsx bench/recsys/node-side.ts <data dir> [k] [full-scoring users]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Blender,
  ItemItemModel,
  NmfModel,
  PopularityModel,
  TruncatedSvdModel,
  buildRatingsMatrix,
  evaluateRankings,
  mae,
  rmse,
  overlapTable,
  recommendForUser,
  type RatingColumns,
  type UserScorer,
} from '../../recommend';

const dir = process.argv[2] ?? 'bench/out/recsys';
const k = Number(process.argv[3] ?? 20);
const fullUsersArg = process.argv[4];

const f64 = (name: string): Float64Array => {
  const buf = readFileSync(join(dir, `${name}.f64`));
  return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8).slice();
};
const columns = (prefix: string): RatingColumns => ({
  uid: f64(`${prefix}_uid`),
  songId: f64(`${prefix}_song`),
  rating: f64(`${prefix}_rating`),
});
// Wall and CPU seconds: the machine is shared, so CPU time is the steadier figure.
const timed = <T>(label: string, fn: () => T): { value: T; seconds: number; cpu: number } => {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const value = fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpuStart);
  const cpu = (used.user + used.system) / 1e6;
  console.log(`${label.padEnd(40)} ${seconds.toFixed(2)} s (cpu ${cpu.toFixed(2)} s)`);
  return { value, seconds, cpu };
};

const train = columns('train');
const test = columns('test');
const evalUsers = f64('eval_users');
const relevant = new Map<number, Set<number>>();
for (let i = 0; i < test.uid.length; i++) {
  const set = relevant.get(test.uid[i]) ?? new Set<number>();
  set.add(test.songId[i]);
  relevant.set(test.uid[i], set);
}
const evalRelevant = new Map(Array.from(evalUsers, (u) => [u, relevant.get(u) ?? new Set<number>()] as const));

const matrix = timed('build ratings matrix', () => buildRatingsMatrix(train)).value;
console.log(`matrix ${matrix.byUser.rows} users × ${matrix.byUser.cols} songs, ${matrix.byUser.indptr[matrix.byUser.rows]} ratings`);
const popularity = timed('fit popularity', () => PopularityModel.fit(train));
const itemItem = timed('fit item-item (75 neighbours)', () => ItemItemModel.fit(matrix));
const nmf = timed(`fit NMF (k=${k})`, () => NmfModel.fit(matrix, { components: k }));
console.log(`  NMF iterations ${nmf.value.iterations}, reconstruction error ${nmf.value.reconstructionError.toFixed(1)}`);
const svd = timed(`fit TruncatedSVD (k=${k})`, () => TruncatedSvdModel.fit(matrix, { components: k }));
console.log(`  singular values ${Array.from(svd.value.s.subarray(0, 5), (x) => x.toFixed(2)).join(', ')}`);

// Rating-prediction error on held-out cells of matrix users and songs (missing = 0
// in training, so these predictions are small: the figures are for completeness).
const errors: Record<string, { rmse: number; mae: number; cells: number }> = {};
for (const model of [nmf.value, svd.value]) {
  const predicted: number[] = [];
  const actual: number[] = [];
  for (let i = 0; i < test.uid.length; i++) {
    const u = matrix.userIndex.get(test.uid[i]);
    const s = matrix.songIndex.get(test.songId[i]);
    if (u === undefined || s === undefined) continue;
    predicted.push(model.predict(u, s));
    actual.push(test.rating[i]);
  }
  errors[model.name] = { rmse: rmse(predicted, actual), mae: mae(predicted, actual), cells: actual.length };
}

const lists = new Map<string, Map<number, Float64Array>>();
const topFor = (model: UserScorer, users: Float64Array, n: number): Map<number, Float64Array> => {
  const buffer = new Float64Array(matrix.byUser.cols);
  const out = new Map<number, Float64Array>();
  for (const id of users) out.set(id, recommendForUser(model, matrix, matrix.userIndex.get(id) as number, n, buffer).songIds);
  return out;
};
const ndcg: Record<string, number> = {};
const evalSeconds: Record<string, number> = {};
for (const model of [itemItem.value, nmf.value, svd.value] as UserScorer[]) {
  const t = timed(`top-100 for ${evalUsers.length} users: ${model.name}`, () => topFor(model, evalUsers, 100));
  lists.set(model.name, t.value);
  evalSeconds[model.name] = t.seconds;
  ndcg[model.name] = evaluateRankings(t.value, evalRelevant, matrix.songIds.length).ndcg;
}
const popLists = new Map<number, Float64Array>();
for (const id of evalUsers) {
  const u = matrix.userIndex.get(id) as number;
  const rated = new Set(Array.from(matrix.byUser.indices.subarray(matrix.byUser.indptr[u], matrix.byUser.indptr[u + 1]), (s) => matrix.songIds[s]));
  popLists.set(id, popularity.value.top(100, rated).songIds);
}
lists.set('popularity', popLists);
ndcg.popularity = evaluateRankings(popLists, evalRelevant, matrix.songIds.length).ndcg;
const blender = new Blender({ matrix, popularity: popularity.value, itemItem: itemItem.value, nmf: nmf.value, svd: svd.value });
const blended = timed(`blend top-10 for ${evalUsers.length} users`, () => {
  const out = new Map<number, Float64Array>();
  for (const id of evalUsers) out.set(id, Float64Array.from(blender.recommend(id), (r) => r.songId));
  return out;
});
ndcg.blend = evaluateRankings(blended.value, evalRelevant, matrix.songIds.length).ndcg;

const fullCount = Math.min(Number(fullUsersArg ?? matrix.userIds.length), matrix.userIds.length);
const fullUsers = matrix.userIds.subarray(0, fullCount);
const full: Record<string, number> = {};
for (const model of [itemItem.value, nmf.value, svd.value] as UserScorer[]) {
  full[model.name] = timed(`top-10 for all ${fullCount} users: ${model.name}`, () => topFor(model, fullUsers, 10)).seconds;
}

console.log('\nNDCG@10 on held-out songs (binary relevance):');
for (const [name, value] of Object.entries(ndcg)) console.log(`  ${name.padEnd(12)} ${value.toFixed(4)}`);
for (const [name, e] of Object.entries(errors)) {
  console.log(`  ${name} held-out RMSE ${e.rmse.toFixed(4)}  MAE ${e.mae.toFixed(4)} over ${e.cells} cells`);
}
console.log('\nOverlap of top-10 / top-100 lists (mean |A∩B|/N):');
const t10 = overlapTable(lists, 10);
const t100 = overlapTable(lists, 100);
t10.forEach((row, i) => console.log(`  ${`${row.a} vs ${row.b}`.padEnd(28)} ${row.value.toFixed(3)} / ${t100[i].value.toFixed(3)}`));

const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = {
  k,
  fit: { popularity: popularity.seconds, itemItem: itemItem.seconds, nmf: nmf.seconds, svd: svd.seconds },
  fitCpu: { popularity: popularity.cpu, itemItem: itemItem.cpu, nmf: nmf.cpu, svd: svd.cpu },
  errors,
  nmfIterations: nmf.value.iterations,
  ndcg,
  evalSeconds,
  fullScoringSeconds: full,
  fullScoringUsers: fullCount,
  peakRssMb,
};
writeFileSync(join(dir, 'node.json'), JSON.stringify(result, null, 2));
const sk = JSON.parse(readFileSync(join(dir, 'sklearn.json'), 'utf8')) as Record<string, number>;
console.log(`\nversus scikit-learn (same matrix, k=${k}):`);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
console.log(`  NMF fit wall ours ${nmf.seconds.toFixed(2)} s (${nmf.value.iterations} it)  sklearn ${sk.nmf_fit_s.toFixed(2)} s (${sk.nmf_iterations} it)  ratio ${ratio(nmf.seconds, sk.nmf_fit_s)}`);
console.log(`  NMF fit cpu  ours ${nmf.cpu.toFixed(2)} s  sklearn ${sk.nmf_fit_cpu_s.toFixed(2)} s  ratio ${ratio(nmf.cpu, sk.nmf_fit_cpu_s)}`);
console.log(`  SVD fit wall ours ${svd.seconds.toFixed(2)} s  sklearn ${sk.svd_fit_s.toFixed(2)} s  ratio ${ratio(svd.seconds, sk.svd_fit_s)}`);
console.log(`  SVD fit cpu  ours ${svd.cpu.toFixed(2)} s  sklearn ${sk.svd_fit_cpu_s.toFixed(2)} s  ratio ${ratio(svd.cpu, sk.svd_fit_cpu_s)}`);
console.log(`  NMF NDCG@10 ours ${ndcg.nmf.toFixed(4)}  sklearn ${sk.nmf_ndcg10.toFixed(4)}  diff ${(ndcg.nmf - sk.nmf_ndcg10).toFixed(4)}`);
console.log(`  SVD NDCG@10 ours ${ndcg.svd.toFixed(4)}  sklearn ${sk.svd_ndcg10.toFixed(4)}  diff ${(ndcg.svd - sk.svd_ndcg10).toFixed(4)}`);
console.log(`  peak RSS (Node) ${peakRssMb.toFixed(0)} MB`);
