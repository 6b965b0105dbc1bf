import type { WriteRunReportResult } from '../../messages/report';
import { WriteRunReportInput } from '../../messages/write-report';
import { writeRunReport } from '../../services/run-report';
import { adapt } from '../adapter';
import type { SqlDeps } from '../deps';

/** The pipeline's last step (services/run-report.ts): records the run's summary and writes its HTML report. */
export function createWriteRunReportActivity(deps: SqlDeps) {
  return (raw: WriteRunReportInput): Promise<WriteRunReportResult> => adapt(WriteRunReportInput, raw, (input) => writeRunReport(deps, input));
}
