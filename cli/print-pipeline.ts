import type { PipelineResult } from '../messages/pipeline';

/** Prints a finished run: what was ingested, the cleaning report, and where the results are. */
export function printPipelineResult(result: PipelineResult, print: (line: string) => void = console.log): void {
  print(`run ${result.runId} completed`);
  if (result.ingest) print(`  ingest: ${result.ingest.files} files (${result.ingest.skipped} already ingested), ${result.ingest.loaded} rows loaded (${result.ingest.repaired} repaired), ${result.ingest.rejected} lines rejected`);
  const f = result.features;
  print(`  features at ${f.snapshotDate}: ${f.labelled} labelled users, ${f.churned} churned (${pct(f.churned, f.labelled)}); ${f.ratingRows} ratings, ${f.matrixUsers} users in the utility matrix`);
  const c = f.cleaning;
  print(`  cleaning: L99 ${c.l99}, mean_len ${c.meanLen}, T99 ${c.t99}, mean_play ${c.meanPlay}; ${c.bots} bots (at or above ${c.botThreshold} plays)`);
  if (f.scoringSnapshotDate) print(`  scoring snapshot at ${f.scoringSnapshotDate}: ${f.scoringRows} users`);
  const ch = result.churn;
  if (ch) {
    print('  churn models (test AUC / F1 at 0.5 / seconds):');
    for (const m of ch.models) print(`    ${m.name.padEnd(22)} ${m.testAuc.toFixed(4)}  ${m.f1.toFixed(3)}  ${m.seconds.toFixed(1)} s${m.name === ch.best ? '   ← best' : ''}`);
    if (ch.grid) print(`  grid search: ${ch.grid.cells} cells × ${ch.grid.folds} folds; best ${ch.grid.best.nTrees} trees, depth ${ch.grid.best.maxDepth}, min leaf ${ch.grid.best.minSamplesLeaf} (CV AUC ${ch.grid.best.meanAuc.toFixed(4)} ± ${ch.grid.best.stdAuc.toFixed(4)})`);
    if (ch.previousBest) print(`  previous run ${ch.previousBest.runId}: ${ch.previousBest.model} at test AUC ${ch.previousBest.testAuc.toFixed(4)}`);
    print(`  top features: ${ch.topFeatures.slice(0, 5).map((f) => `${f.name} (${f.direction > 0 ? '+' : f.direction < 0 ? '−' : '·'})`).join(', ')}`);
    print(`  scored ${ch.scored} users, ${ch.atRisk} at risk (p ≥ 0.5): table ${ch.table}`);
  }
  const r = result.recommendations;
  if (r) {
    const f3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));
    print('  recommenders on label-window plays (precision@10 / recall@10 / NDCG@10 / hit rate@10 / coverage):');
    for (const m of r.models) print(`    ${m.name.padEnd(12)} ${f3(m.ranking.precision)}  ${f3(m.ranking.recall)}  ${f3(m.ranking.ndcg)}  ${f3(m.ranking.hitRate)}  ${m.ranking.coverage.toFixed(3)}`);
    print(`  held-out 20 % ratings: NMF RMSE ${r.ratingError.nmf.rmse.toFixed(3)} MAE ${r.ratingError.nmf.mae.toFixed(3)}; SVD RMSE ${r.ratingError.svd.rmse.toFixed(3)} MAE ${r.ratingError.svd.mae.toFixed(3)}`);
    print(`  published ${r.rows} recommendations for ${r.users} users (${r.coldStartUsers} cold-start: popularity only): table ${r.table}; musicbox recommend --uid <uid>`);
  }
  print(`  look inside: musicbox sql "SELECT * FROM run_cleaning_report WHERE run_id = '${result.runId}'"`);
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)} %` : '–';
}
