import { RunQueryInput, type RunQueryResult } from '../../messages/activities';
import type { SqlDeps } from '../deps';

/** Largest result text carried back through Temporal; payloads are limited to 2 MB. */
export const MAX_QUERY_RESULT_BYTES = 1_500_000;

/**
 * Runs one user query on the engine this worker owns. With the embedded engine this is how
 * `musicbox sql` looks inside while the worker holds the data directory.
 */
export function createRunQueryActivity({ ch }: SqlDeps) {
  return async function runQuery(raw: RunQueryInput): Promise<RunQueryResult> {
    const { query, format, params } = RunQueryInput.parse(raw);
    const text = await runFormattedQuery(ch, query, format, params);
    const bytes = Buffer.byteLength(text);
    if (bytes <= MAX_QUERY_RESULT_BYTES) return { text, truncated: false };
    return { text: Buffer.from(text).subarray(0, MAX_QUERY_RESULT_BYTES).toString('utf8'), truncated: true };
  };
}

/** Runs a query and returns its result as text in any ClickHouse output format. */
export async function runFormattedQuery(ch: SqlDeps['ch'], query: string, format: string, params: Record<string, string> = {}): Promise<string> {
  const trimmed = query.trim().replace(/;\s*$/, '');
  const result = await ch.exec({ query: `${trimmed}\nFORMAT ${format}`, query_params: params });
  const chunks: Buffer[] = [];
  for await (const chunk of result.stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
