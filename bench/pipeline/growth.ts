/**
 * How a run's cost grows with the number of users: measured runs of the same pipeline at several
 * sizes (bench/pipeline/growth.sh makes them), stage by stage, with each stage's growth exponent
 * (cost ∝ users^e, from the smallest run to each larger one).
 *   node --import tsx bench/pipeline/growth.ts <users>=<run dir> <users>=<run dir> ...
 * A run dir is what measure-run.sh writes: history.json, samples.tsv and time.log.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runUsage, type ActivityUsage } from './run-usage';

/** Stages as a reader thinks of the run; every activity belongs to exactly one. */
const STAGES: [string, (a: ActivityUsage) => boolean][] = [
  ['ingest', (a) => a.type === 'ingestLogs'],
  ['features, exports, scoring snapshot', (a) => ['resolveRunWindow', 'buildRunFeatures', 'exportRunData', 'buildScoringSnapshot'].includes(a.type)],
  ['grid search (shared forests, summary)', (a) => a.type === 'runChurnGridForest' || a.type === 'summariseChurnGrid'],
  ['churn models (LR, RF, GBT, tuned RF)', (a) => a.type === 'trainChurnModel'],
  ['scoring and publishing scores', (a) => a.type === 'scoreUsers' || a.type === 'publishChurnScores'],
  ['popularity', (a) => a.name === 'fitRecommender popularity'],
  ['item-item', (a) => a.name === 'fitRecommender item_item'],
  ['NMF', (a) => a.name === 'fitRecommender nmf'],
  ['truncated SVD', (a) => a.name === 'fitRecommender svd'],
  ['blend and publish', (a) => a.type === 'blendRecommendations' || a.type === 'publishRecommendations'],
  ['report', (a) => a.type === 'writeRunReport'],
];

interface Measured {
  users: number;
  stages: { cpu: number; peak: number }[];
  wallSeconds: number;
  largestMiB: number;
}

function measured(users: number, dir: string): Measured {
  const usage = runUsage(path.join(dir, 'history.json'), path.join(dir, 'samples.tsv'));
  const unplaced = usage.activities.filter((a) => !STAGES.some(([, inStage]) => inStage(a)));
  if (unplaced.length) throw new Error(`activities in no stage: ${[...new Set(unplaced.map((a) => a.name))].join(', ')}`);
  const time = existsSync(path.join(dir, 'time.log')) ? readFileSync(path.join(dir, 'time.log'), 'utf8') : '';
  const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(time);
  return {
    users,
    stages: STAGES.map(([, inStage]) => {
      const mine = usage.activities.filter(inStage);
      return { cpu: mine.reduce((s, a) => s + a.cpuSeconds, 0), peak: Math.max(0, ...mine.map((a) => a.peakMiB)) };
    }),
    wallSeconds: elapsed ? Number(elapsed[1] ?? 0) * 3600 + Number(elapsed[2]) * 60 + Number(elapsed[3]) : usage.wallSeconds,
    largestMiB: Math.max(...usage.largestMiB.values()),
  };
}

const runs = process.argv
  .slice(2)
  .map((arg) => {
    const [users, dir] = arg.split('=');
    if (!dir || !Number(users)) throw new Error(`expected <users>=<run dir>, got '${arg}'`);
    return measured(Number(users), dir);
  })
  .sort((a, b) => a.users - b.users);
if (runs.length < 2) throw new Error('usage: growth.ts <users>=<run dir> <users>=<run dir> ...');

const base = runs[0];
const exponent = (small: number, large: number, ratio: number) => (small > 0 && large > 0 ? (Math.log(large / small) / Math.log(ratio)).toFixed(2) : '–');
const sizes = runs.map((r) => `${(r.users / base.users).toFixed(0)}× (${r.users.toLocaleString('en-US')})`);
const larger = runs.slice(1);
console.log(`| stage | ${sizes.map((s) => `CPU s ${s}`).join(' | ')} | ${larger.map((r) => `exponent to ${(r.users / base.users).toFixed(0)}×`).join(' | ')} | ${sizes.map((s) => `peak MiB ${s}`).join(' | ')} |`);
console.log(`|---|${runs.map(() => '---:').join('|')}|${larger.map(() => '---:').join('|')}|${runs.map(() => '---:').join('|')}|`);
STAGES.forEach(([name], i) => {
  const cpus = runs.map((r) => r.stages[i].cpu.toFixed(1));
  const exps = larger.map((r) => exponent(base.stages[i].cpu, r.stages[i].cpu, r.users / base.users));
  console.log(`| ${name} | ${cpus.join(' | ')} | ${exps.join(' | ')} | ${runs.map((r) => r.stages[i].peak.toLocaleString('en-US')).join(' | ')} |`);
});
const total = (r: Measured) => r.stages.reduce((s, x) => s + x.cpu, 0);
console.log(`| **all activities** | ${runs.map((r) => total(r).toFixed(1)).join(' | ')} | ${larger.map((r) => exponent(total(base), total(r), r.users / base.users)).join(' | ')} | ${runs.map((r) => r.largestMiB.toLocaleString('en-US')).join(' | ')} |`);
console.log(`| **whole command, wall s** | ${runs.map((r) => r.wallSeconds.toFixed(0)).join(' | ')} | ${larger.map((r) => exponent(base.wallSeconds, r.wallSeconds, r.users / base.users)).join(' | ')} | |`);
