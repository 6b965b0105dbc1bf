import { z } from 'zod';

export const IngestLogsInput = z.strictObject({
  /** Absolute path of the folder of raw logs, as the SQL worker sees it. */
  dir: z.string().min(1),
  /** Reload files whose content changed under the same name. */
  replaceChanged: z.boolean().default(false),
  /** Force the client path even on the embedded engine (`auto` = path on embedded, client on a server). */
  via: z.enum(['auto', 'path', 'client']).default('auto'),
  /**
   * Most files of one kind parsed by one statement (default 64, the most ClickHouse allows per
   * insert block). Fewer report progress and resume after a crash at a finer grain, more slowly.
   */
  batchFiles: z.number().int().min(1).max(64).optional(),
});
export type IngestLogsInput = z.input<typeof IngestLogsInput>;

const FileOutcome = z.object({
  file: z.string(),
  fileKey: z.string().optional(),
  status: z.enum(['loaded', 'unchanged', 'changed', 'failed']),
  counts: z
    .object({ lines: z.number(), blank: z.number(), loaded: z.number(), repaired: z.number(), splitRecords: z.number(), rejected: z.number() })
    .optional(),
  message: z.string().optional(),
});

/** Totals and per-file outcomes (capped, so the payload stays small; `ingested_files` holds them all). */
export const IngestLogsResult = z.object({
  files: z.number().int(),
  loadedFiles: z.number().int(),
  unchangedFiles: z.number().int(),
  problemFiles: z.number().int(),
  lines: z.number().int(),
  loaded: z.number().int(),
  repaired: z.number().int(),
  rejected: z.number().int(),
  blank: z.number().int(),
  outcomes: z.array(FileOutcome),
  outcomesTruncated: z.boolean(),
});
export type IngestLogsResult = z.infer<typeof IngestLogsResult>;
