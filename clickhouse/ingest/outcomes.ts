import type { FileCounts } from './census';

export type FileStatus = 'loaded' | 'unchanged' | 'changed' | 'failed';

export interface FileOutcome {
  file: string;
  fileKey?: string;
  status: FileStatus;
  counts?: FileCounts;
  message?: string;
}

export interface IngestSummary {
  files: number;
  loadedFiles: number;
  unchangedFiles: number;
  problemFiles: number;
  lines: number;
  loaded: number;
  repaired: number;
  rejected: number;
  blank: number;
  outcomes: FileOutcome[];
}

/**
 * A file of which no line became a row is a problem, not a success: every line was rejected (or
 * blank), which says the file is not the log its name promises. Its rows in `rejects` and its
 * record stay, for inspection, and it is reported again on every ingest until it is replaced.
 */
export function noGoodLine(outcome: FileOutcome, counts: FileCounts): FileOutcome {
  return {
    ...outcome,
    status: 'failed',
    message:
      `no line could be loaded (${counts.lines} read: ${counts.rejected} rejected, ${counts.blank} blank); the reasons are in rejects (WHERE file_key = '${outcome.fileKey}'); ` +
      'replace the file with the day\'s log and ingest again with --replace-changed',
  };
}

export function summarise(outcomes: FileOutcome[]): IngestSummary {
  const sum = (f: (c: FileCounts) => number) => outcomes.reduce((s, o) => s + (o.counts ? f(o.counts) : 0), 0);
  return {
    files: outcomes.length,
    loadedFiles: outcomes.filter((o) => o.status === 'loaded').length,
    unchangedFiles: outcomes.filter((o) => o.status === 'unchanged').length,
    problemFiles: outcomes.filter((o) => o.status === 'failed' || o.status === 'changed').length,
    lines: sum((c) => c.lines),
    loaded: sum((c) => c.loaded),
    repaired: sum((c) => c.repaired),
    rejected: sum((c) => c.rejected),
    blank: sum((c) => c.blank),
    outcomes,
  };
}

/** The first line of an error's message, capped: outcomes travel through Temporal. */
export function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
}
