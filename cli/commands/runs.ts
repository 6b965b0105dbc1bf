import { Command } from 'commander';
import { listRuns, type RunListing } from '../../clickhouse/report/runs';
import { resolveSettings } from '../../config/settings';
import { MISSING, formatScore } from '../../format/numbers';
import { withRows } from '../query';

/** The runs as an aligned text table, newest first. */
export function formatRunsTable(runs: RunListing[]): string {
  const header = ['run id', 'as of', 'status', 'best model', 'test AUC', 'blend NDCG@10', 'champion'];
  const lines = runs.map((r) => [r.runId, r.asOf ?? MISSING, r.status, r.bestModel ?? MISSING, formatScore(r.bestTestAuc), formatScore(r.blendNdcg), r.champion ? 'yes' : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [header, ...lines].map((l) => l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function runsCommand(): Command {
  return new Command('runs')
    .description('list the runs, newest first: as-of date, status, best churn model and its test AUC, blend NDCG@10, champion')
    .option('--json', 'print JSON (one array of objects) for scripts')
    .action(async (opts: { json?: boolean }) => {
      const runs = await withRows(resolveSettings(), listRuns);
      if (opts.json) console.log(JSON.stringify(runs, null, 2));
      else console.log(runs.length ? formatRunsTable(runs) : 'no runs yet: musicbox quickstart, or musicbox run --logs DIR');
    });
}
