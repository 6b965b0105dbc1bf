import { writeFileAtomically } from '../artifacts/atomic-file';
import { rowsOf, type Rows } from '../clickhouse/report/rows';
import { recordRunSummary } from '../clickhouse/report/run-summaries';
import { reportKey, type WriteRunReportResult } from '../messages/report';
import type { WriteRunReportInput } from '../messages/write-report';
import { buildReportHtml } from '../report/build-report';
import { artifactPath, type SqlDeps } from './deps';
import { loadReportData } from './report-data';

/** A report asked of a run the engine knows nothing about. Not retryable. */
export class NothingToReport extends Error {
  readonly type = 'InvalidInput';
}

/** Writes a run's HTML report to `<artifacts>/<run>/report.html`, replacing an earlier one, from what the run stored. */
export async function writeRunReportFile(rows: Rows, artifactsDir: string, runId: string): Promise<WriteRunReportResult> {
  const data = await loadReportData(rows, artifactsDir, runId);
  if (!data.result && !data.cleaning) throw new NothingToReport(`run ${runId} has neither a stored result nor a feature stage: nothing to report (musicbox runs lists the runs there are)`);
  const { html, charts } = await buildReportHtml(data);
  const key = reportKey(runId);
  const file = artifactPath(artifactsDir, key);
  await writeFileAtomically(file, html);
  return { report: key, path: file, charts };
}

/**
 * The pipeline's report step: records the finished run's summary (so `musicbox runs` and later
 * reports compare against it), then writes its report. A retry records and writes the same again.
 */
export async function writeRunReport({ ch, artifactsDir }: Pick<SqlDeps, 'ch' | 'artifactsDir'>, input: WriteRunReportInput): Promise<WriteRunReportResult> {
  if (input.result) await recordRunSummary(ch, input.result);
  return writeRunReportFile(rowsOf(ch), artifactsDir, input.runId);
}
