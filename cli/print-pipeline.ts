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
  print(`  look inside: musicbox sql "SELECT * FROM run_cleaning_report WHERE run_id = '${result.runId}'"`);
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)} %` : '–';
}
