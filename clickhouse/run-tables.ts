import type { ClickHouseClient } from '@clickhouse/client';

/**
 * Removes one run's rows from a run-keyed table (partitioned by run_id), so that the step
 * writing it can insert again: a retried step replaces its own output and never duplicates it.
 */
export async function clearRunPartition(ch: ClickHouseClient, table: string, runId: string): Promise<void> {
  // Table names come from constants, never from input; the run id is bound like any value.
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  await ch.command({ query: `ALTER TABLE ${table} DROP PARTITION {run_id:String}`, query_params: { run_id: runId } });
}
