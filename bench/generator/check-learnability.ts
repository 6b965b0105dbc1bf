/**
 * Sanity check of generated logs, independent of the pipeline: derives the
 * seed's labels and a subset of its windowed features straight from the
 * files, then reports the churn share, a logistic-regression test AUC, and a
 * collaborative-filtering vs popularity hit rate. It tells whether the data
 * is learnable at the intended difficulty, not what the real models score.
 *
 *   node --import tsx bench/generator/check-learnability.ts DIR [--end 2017-04-28]
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

const dir = process.argv[2];
const endIso = process.argv.includes('--end') ? process.argv[process.argv.indexOf('--end') + 1] : '2017-04-28';
const DAY = 86_400_000;
const end = Date.parse(`${endIso}T00:00:00Z`) / DAY;

interface U {
  last: number; // latest day offset in F (relative to end, 0 = end)
  inL: boolean;
  p: Float64Array; // plays per lag 0..29
  d: Float64Array;
  s: Float64Array;
  full: Float64Array; // full plays per lag
  skips: number;
  ptime: Float64Array;
  total: number;
  songsF: Set<number>;
  songsL: Set<number>;
}
const users = new Map<string, U>();
const playsAll = new Map<string, number>();
function user(uid: string): U {
  let u = users.get(uid);
  if (!u) {
    u = { last: 99, inL: false, p: new Float64Array(30), d: new Float64Array(30), s: new Float64Array(30), full: new Float64Array(30), skips: 0, ptime: new Float64Array(30), total: 0, songsF: new Set(), songsL: new Set() };
    users.set(uid, u);
  }
  return u;
}

for (const name of readdirSync(dir).sort()) {
  const m = /^(\d{4})(\d{2})(\d{2})_\d+_(play|down|search)\.log(\.gz)?$/.exec(name);
  if (!m) continue;
  const day = Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) / DAY;
  const lag = end - day;
  const kind = m[4];
  let buf = readFileSync(path.join(dir, name));
  if (m[5]) buf = gunzipSync(buf);
  const want = kind === 'play' ? 9 : kind === 'down' ? 6 : 4;
  for (const line of buf.toString('utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length !== want || !/^\d+$/.test(f[0])) continue;
    const uid = f[0];
    if (kind === 'play') playsAll.set(uid, (playsAll.get(uid) ?? 0) + 1);
    if (lag < 0) {
      if (lag >= -14) {
        const u = user(uid);
        u.inL = true;
        if (kind === 'play' && f[2] !== '') u.songsL.add(Number(f[2]));
      }
      continue;
    }
    if (lag > 29) continue;
    const u = user(uid);
    u.last = Math.min(u.last, lag);
    if (kind === 'down') u.d[lag]++;
    else if (kind === 'search') u.s[lag]++;
    else {
      u.p[lag]++;
      const pt = Number(f[6]);
      const len = Number(f[7]);
      if (f[2] !== '') u.songsF.add(Number(f[2]));
      if (len > 0 && len < 2000 && pt >= 0 && pt < 20000) {
        u.ptime[lag] += pt;
        u.total++;
        if (pt / len >= 0.8) u.full[lag]++;
        if (pt / len < 0.2) u.skips++;
      }
    }
  }
}

// Bots: plays at or above the 99.9th percentile over users with plays.
const counts = [...playsAll.values()].sort((a, b) => a - b);
const pos = 0.999 * (counts.length - 1);
const lo = Math.floor(pos);
const t = counts[lo] + (pos - lo) * ((counts[lo + 1] ?? counts[lo]) - counts[lo]);
const labelled = [...users.entries()].filter(([uid, u]) => u.last < 99 && (playsAll.get(uid) ?? 0) < t);
const sum = (a: Float64Array, w: number): number => a.subarray(0, w).reduce((x, y) => x + y, 0);
const X: number[][] = [];
const y: number[] = [];
for (const [, u] of labelled) {
  const row: number[] = [u.last];
  for (const a of [u.p, u.d, u.s]) for (const w of [1, 3, 7, 14, 30]) row.push(Math.log1p(sum(a, w)));
  const p7 = sum(u.p, 7);
  const p30 = sum(u.p, 30);
  row.push(p30 ? p7 / p30 : 0, u.total ? u.skips / u.total : 0, sum(u.full, 30) ? sum(u.full, 7) / sum(u.full, 30) : 0);
  row.push(Math.log1p(sum(u.ptime, 30)), sum(u.ptime, 30) ? sum(u.ptime, 7) / sum(u.ptime, 30) : 0);
  X.push(row);
  y.push(u.inL ? 0 : 1);
}
const churn = y.reduce((a, b) => a + b, 0) / y.length;
console.log(`bot threshold ${t.toFixed(1)}; labelled users ${y.length}; churn share ${churn.toFixed(3)}`);

// Standardise, split 70/30 deterministically, fit logistic regression by gradient descent.
const k = X[0].length;
const mean = new Array(k).fill(0);
const sd = new Array(k).fill(0);
for (const r of X) r.forEach((v, j) => (mean[j] += v / X.length));
for (const r of X) r.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / X.length));
const Z = X.map((r) => r.map((v, j) => (v - mean[j]) / (Math.sqrt(sd[j]) || 1)));
const train = Z.map((_, i) => i).filter((i) => (i * 2654435761) % 10 < 7);
const test = Z.map((_, i) => i).filter((i) => (i * 2654435761) % 10 >= 7);
const wts = new Array(k + 1).fill(0);
const score = (r: number[]): number => r.reduce((a, v, j) => a + v * wts[j], wts[k]);
for (let it = 0; it < 300; it++) {
  const g = new Array(k + 1).fill(0);
  for (const i of train) {
    const e = 1 / (1 + Math.exp(-score(Z[i]))) - y[i];
    Z[i].forEach((v, j) => (g[j] += e * v));
    g[k] += e;
  }
  for (let j = 0; j <= k; j++) wts[j] -= (0.5 * g[j]) / train.length;
}
function auc(idx: number[], s: (i: number) => number): number {
  const pairs = idx.map((i) => [s(i), y[i]] as const).sort((a, b) => a[0] - b[0]);
  let rank = 0;
  let posRanks = 0;
  let nPos = 0;
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    while (j < pairs.length && pairs[j][0] === pairs[i][0]) j++;
    const avg = (i + 1 + j) / 2;
    for (let q = i; q < j; q++) if (pairs[q][1] === 1) (posRanks += avg), nPos++;
    rank = j;
    i = j;
  }
  const nNeg = rank - nPos;
  return (posRanks - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
console.log(`LR auc train ${auc(train, (i) => score(Z[i])).toFixed(3)} test ${auc(test, (i) => score(Z[i])).toFixed(3)}`);
console.log(`recency-only test auc ${auc(test, (i) => X[i][0]).toFixed(3)}`);

// Recommendation: hit rate@20 of label-window songs not played in F.
const pop = new Map<number, number>();
for (const [, u] of labelled) for (const s of u.songsF) pop.set(s, (pop.get(s) ?? 0) + 1);
const popTop = [...pop.entries()].sort((a, b) => b[1] - a[1]).map((e) => e[0]);
const pool = labelled.filter(([, u]) => u.songsF.size >= 5).slice(0, 4000).map(([, u]) => u);
const byUsers = new Map<number, number[]>();
pool.forEach((u, i) => u.songsF.forEach((s) => (byUsers.get(s) ?? byUsers.set(s, []).get(s)!).push(i)));
let hitPop = 0;
let hitCf = 0;
let tried = 0;
for (let a = 0; a < pool.length && tried < 600; a++) {
  const u = pool[a];
  const fresh = [...u.songsL].filter((s) => !u.songsF.has(s));
  if (fresh.length === 0) continue;
  tried++;
  const sim = new Map<number, number>();
  for (const s of u.songsF) for (const b of byUsers.get(s) ?? []) if (b !== a) sim.set(b, (sim.get(b) ?? 0) + 1);
  const nbrs = [...sim.entries()].map(([b, c]) => [b, c / Math.sqrt(pool[b].songsF.size * u.songsF.size)] as const).sort((p, q) => q[1] - p[1]).slice(0, 50);
  const sc = new Map<number, number>();
  for (const [b, w] of nbrs) for (const s of pool[b].songsF) if (!u.songsF.has(s)) sc.set(s, (sc.get(s) ?? 0) + w);
  const cfTop = [...sc.entries()].sort((p, q) => q[1] - p[1]).slice(0, 20).map((e) => e[0]);
  const popU = popTop.filter((s) => !u.songsF.has(s)).slice(0, 20);
  const L = new Set(fresh);
  hitCf += cfTop.filter((s) => L.has(s)).length / Math.min(20, L.size);
  hitPop += popU.filter((s) => L.has(s)).length / Math.min(20, L.size);
}
console.log(`recall@20 of new label-window songs over ${tried} users: user-kNN ${(hitCf / tried).toFixed(3)} popularity ${(hitPop / tried).toFixed(3)}`);
