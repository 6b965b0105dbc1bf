/**
 * The numbers a run is judged by, from its history's result: each model's test AUC, the grid's
 * best cell and CV AUC, each recommender's NDCG@10. Given two histories, side by side with the
 * largest difference (e.g. the single-machine run against the remote deployment's).
 *   node --import tsx bench/pipeline/run-results.ts history.json [other-history.json]
 */
import { readFileSync } from 'node:fs';
import type { PipelineResult } from '../../messages/pipeline';

function resultOf(file: string): PipelineResult {
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { events: { workflowExecutionCompletedEventAttributes?: { result?: { payloads?: { data?: string }[] } } }[] }).events;
  const data = events.at(-1)?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0]?.data;
  if (!data) throw new Error(`${file}: the run did not complete`);
  return JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as PipelineResult;
}

function numbers(result: PipelineResult): Map<string, number | string> {
  const out = new Map<string, number | string>();
  for (const m of result.churn?.models ?? []) out.set(`test AUC ${m.name}`, m.testAuc);
  const best = result.churn?.grid?.best;
  if (best) {
    out.set('grid best cell', `${best.nTrees} trees, depth ${best.maxDepth}, leaf ${best.minSamplesLeaf}`);
    out.set('grid best CV AUC', best.meanAuc);
  }
  for (const m of result.recommendations?.models ?? []) out.set(`NDCG@10 ${m.name}`, m.ranking.ndcg ?? NaN);
  return out;
}

const files = process.argv.slice(2);
if (files.length < 1 || files.length > 2) throw new Error('usage: run-results.ts history.json [other-history.json]');
const [a, b] = files.map((f) => numbers(resultOf(f)));
const show = (v: number | string | undefined) => (typeof v === 'number' ? v.toFixed(4) : (v ?? '–'));
console.log(`| result | ${files.join(' | ')} |${b ? ' difference |' : ''}`);
console.log(`|---|${files.map(() => '---:').join('|')}|${b ? '---:|' : ''}`);
let largest = 0;
for (const [name, v] of a) {
  const w = b?.get(name);
  const diff = typeof v === 'number' && typeof w === 'number' ? Math.abs(v - w) : v === w ? 0 : NaN;
  if (b) largest = Math.max(largest, Number.isNaN(diff) ? Infinity : diff);
  console.log(`| ${name} | ${show(v)} |${b ? ` ${show(w)} | ${Number.isNaN(diff) ? 'differs' : diff.toFixed(4)} |` : ''}`);
}
if (b) console.log(`\nlargest difference: ${largest === Infinity ? 'a cell or model differs' : largest.toFixed(4)}`);
