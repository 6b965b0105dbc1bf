import { LocalFolderStore, type ArtifactStore } from '../artifacts/store';
import { rowsOf, type Rows } from '../clickhouse/report/rows';
import { recordRunSummary } from '../clickhouse/report/run-summaries';
import { reportKey, type WriteRunReportResult } from '../messages/report';
import type { WriteRunReportInput } from '../messages/write-report';
import { buildReportHtml } from '../report/build-report';
import type { SqlDeps } from './deps';
import { loadReportData } from './report-data';

/** A report asked of a run the engine knows nothing about. Not retryable. */
export class NothingToReport extends Error {
  readonly type = 'InvalidInput';
}

/**
 * Writes a run's HTML report to the artifact `<run>/report.html`, replacing an earlier one, from
 * what the run stored. `path` is its file in a local store, else where in the store it is.
 */
export async function writeRunReportFile(rows: Rows, store: ArtifactStore, runId: string): Promise<WriteRunReportResult> {
  const data = await loadReportData(rows, store, runId);
  if (!data.result && !data.cleaning) throw new NothingToReport(`run ${runId} has neither a stored result nor a feature stage: nothing to report (musicbox runs lists the runs there are)`);
  const { html, charts } = await buildReportHtml(data);
  const key = reportKey(runId);
  await store.put(key, Buffer.from(html));
  return { report: key, path: store instanceof LocalFolderStore ? store.pathOf(key) : `${key} in ${store.location}`, charts };
}

/**
 * The pipeline's report step: records the finished run's summary (so `musicbox runs` and later
 * reports compare against it), then writes its report. A retry records and writes the same again.
 */
export async function writeRunReport({ ch, store }: Pick<SqlDeps, 'ch' | 'store'>, input: WriteRunReportInput): Promise<WriteRunReportResult> {
  if (input.result) await recordRunSummary(ch, input.result);
  return writeRunReportFile(rowsOf(ch), store, input.runId);
}
