import { ApplicationFailure } from '@temporalio/common';
import { rowsOf, type Rows } from '../../clickhouse/report/rows';
import { recordRunSummary } from '../../clickhouse/report/run-summaries';
import { reportKey, type WriteRunReportResult } from '../../messages/report';
import { WriteRunReportInput } from '../../messages/write-report';
import { buildReportHtml } from '../../report/build-report';
import { writeFileAtomically } from '../../artifacts/atomic-file';
import { artifactPath, type SqlDeps } from '../deps';
import { loadReportData } from './load-report-data';

/** Writes a run's HTML report to `<artifacts>/<run>/report.html`, replacing an earlier one, from what the run stored. */
export async function writeRunReportFile(rows: Rows, artifactsDir: string, runId: string): Promise<WriteRunReportResult> {
  const data = await loadReportData(rows, artifactsDir, runId);
  if (!data.result && !data.cleaning) {
    throw ApplicationFailure.nonRetryable(`run ${runId} has neither a stored result nor a feature stage: nothing to report (musicbox runs lists the runs there are)`, 'InvalidInput');
  }
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
export function createWriteRunReportActivity({ ch, artifactsDir }: SqlDeps) {
  return async function writeRunReport(raw: WriteRunReportInput): Promise<WriteRunReportResult> {
    const parsed = WriteRunReportInput.safeParse(raw);
    if (!parsed.success) throw ApplicationFailure.nonRetryable(`invalid report input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'InvalidInput');
    if (parsed.data.result) await recordRunSummary(ch, parsed.data.result);
    return writeRunReportFile(rowsOf(ch), artifactsDir, parsed.data.runId);
  };
}
