/**
 * Peak memory and CPU time per activity type of one run (see run-usage.ts for how each is read).
 *   node --import tsx bench/pipeline/stage-memory.ts history.json samples.tsv
 */
import { runUsage } from './run-usage';

const [historyFile, samplesFile] = process.argv.slice(2);
if (!historyFile || !samplesFile) throw new Error('usage: stage-memory.ts <history.json> <samples.tsv>');
const usage = runUsage(historyFile, samplesFile);
const byType = new Map<string, { seconds: number; cpu: number; peak: number }>();
for (const a of usage.activities) {
  const row = byType.get(a.type) ?? { seconds: 0, cpu: 0, peak: 0 };
  byType.set(a.type, { seconds: row.seconds + a.seconds, cpu: row.cpu + a.cpuSeconds, peak: Math.max(row.peak, a.peakMiB) });
}
console.log('| activity | run time s (sum) | CPU s of its worker (sum) | peak RSS of its worker, MiB |');
console.log('|---|---:|---:|---:|');
for (const [name, r] of byType) console.log(`| ${name} | ${r.seconds.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.peak} |`);
console.log(`\nlargest process of each kind, MiB: ${[...usage.largestMiB].map(([k, m]) => `${k} ${m}`).join(', ')}`);
