import { formatCount, formatMeasure, formatPercent, formatScore, formatSeconds, formatShare } from '../format/numbers';
import type { PipelineResult } from '../messages/pipeline';

/** Prints a finished run: what was ingested, the cleaning report, and where the results are. */
export function printPipelineResult(result: PipelineResult, print: (line: string) => void = console.log): void {
  const n = formatCount;
  print(`run ${result.runId} completed`);
  if (result.window) print(`  as of ${result.window.asOf}: features ${result.window.featureStart}..${result.window.snapshotDate}, labels to ${result.window.labelEnd}`);
  if (result.ingest) print(`  ingest: ${n(result.ingest.files)} files (${n(result.ingest.skipped)} already ingested), ${n(result.ingest.loaded)} rows loaded (${n(result.ingest.repaired)} repaired), ${n(result.ingest.rejected)} lines rejected`);
  const f = result.features;
  print(`  features at ${f.snapshotDate}: ${n(f.labelled)} labelled users, ${n(f.churned)} churned (${formatShare(f.churned, f.labelled)}); ${n(f.ratingRows)} ratings, ${n(f.matrixUsers)} users in the utility matrix`);
  const c = f.cleaning;
  const m = (x: number | string | undefined) => formatMeasure(x === undefined ? undefined : Number(x));
  print(`  cleaning: L99 ${m(c.l99)}, mean_len ${m(c.meanLen)}, T99 ${m(c.t99)}, mean_play ${m(c.meanPlay)}; ${n(Number(c.bots))} bots (at or above ${m(c.botThreshold)} plays)`);
  if (f.scoringSnapshotDate) print(`  scoring snapshot at ${f.scoringSnapshotDate}: ${n(f.scoringRows)} users`);
  const ch = result.churn;
  if (ch) {
    print('  churn models (test AUC / F1 at 0.5 / seconds):');
    for (const model of ch.models) print(`    ${model.name.padEnd(22)} ${formatScore(model.testAuc, 4)}  ${formatScore(model.f1)}  ${formatSeconds(model.seconds)}${model.name === ch.best ? '   ← best' : ''}`);
    const g = ch.grid;
    if (g) print(`  grid search: ${g.cells} cells × ${g.folds} folds; best ${g.best.nTrees} trees, depth ${g.best.maxDepth}, min leaf ${g.best.minSamplesLeaf} (CV AUC ${formatScore(g.best.meanAuc, 4)} ± ${formatScore(g.best.stdAuc, 4)})`);
    if (ch.previousBest) print(`  previous run ${ch.previousBest.runId}: ${ch.previousBest.model} at test AUC ${formatScore(ch.previousBest.testAuc, 4)}`);
    print(`  top features: ${ch.topFeatures.slice(0, 5).map((t) => `${t.name} (${t.direction > 0 ? '+' : t.direction < 0 ? '−' : '·'})`).join(', ')}`);
    print(`  scored ${n(ch.scored)} users, ${n(ch.atRisk)} at risk (p ≥ 0.5, ${formatShare(ch.atRisk, ch.scored)}): table ${ch.table}`);
  }
  const r = result.recommendations;
  if (r) {
    const s = (x: number | null) => formatScore(x);
    print('  recommenders on label-window plays (precision@10 / recall@10 / NDCG@10 / hit rate@10 / coverage):');
    for (const model of r.models) print(`    ${model.name.padEnd(12)} ${s(model.ranking.precision)}  ${s(model.ranking.recall)}  ${s(model.ranking.ndcg)}  ${s(model.ranking.hitRate)}  ${s(model.ranking.coverage)}`);
    if (r.ratingError) print(`  held-out 20 % ratings: NMF RMSE ${s(r.ratingError.nmf.rmse)} MAE ${s(r.ratingError.nmf.mae)}; SVD RMSE ${s(r.ratingError.svd.rmse)} MAE ${s(r.ratingError.svd.mae)}`);
    print(`  published ${n(r.rows)} recommendations for ${n(r.users)} users (${n(r.coldStartUsers)} cold-start, ${formatPercent(r.users ? r.coldStartUsers / r.users : null)}: popularity only): table ${r.table}; musicbox recommend --uid <uid>`);
  }
  if (result.report) print(`  report (${result.report.charts} charts): ${result.report.path}`);
  if (result.reportError) print(`  report not written: ${result.reportError}; write it with: musicbox report --run-id ${result.runId}`);
  print(`  look inside: musicbox sql "SELECT * FROM run_cleaning_report WHERE run_id = '${result.runId}'"`);
}
