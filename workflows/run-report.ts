import { ActivityFailure, log, patched } from '@temporalio/workflow';
import type { PipelineResult } from '../messages/pipeline';
import { reportKey, type WriteRunReportResult } from '../messages/report';
import type { WriteRunReportInput } from '../messages/write-report';
import { sqlShort } from './activity-stubs';

/** Runs whose history lacks this marker (see `patched`) ended with the publishing steps, without a report. */
export const RUN_REPORT_STEP = 'run-report-step';

/** The report step: records the run's summary and writes its HTML report, the path shown as the step's summary in the Web UI. */
function writeReport(input: WriteRunReportInput): Promise<WriteRunReportResult> {
  return sqlShort.writeRunReport.executeWithOptions({ summary: `HTML report: artifacts/${reportKey(input.runId)}` }, [input]);
}

/**
 * The pipeline's last step for runs that have it: the summary with the report's path added. The
 * run's scores and lists are published by then, so a report that cannot be written (after its
 * retries) does not fail the run: the result says why, and `musicbox report` writes it again.
 */
export async function withRunReport(result: PipelineResult): Promise<PipelineResult> {
  if (!patched(RUN_REPORT_STEP)) return result;
  try {
    return { ...result, report: await writeReport({ runId: result.runId, result }) };
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const reason = err.cause?.message ?? err.message;
    log.warn('run report not written', { runId: result.runId, reason });
    return { ...result, reportError: reason };
  }
}
