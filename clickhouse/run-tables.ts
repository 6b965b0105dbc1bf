import type { ClickHouseClient } from '@clickhouse/client';

/**
 * Removes one run's rows from a run-keyed table (partitioned by run_id), so that the step
 * writing it can insert again: a retried step replaces its own output and never duplicates it.
 */
export async function clearRunPartition(ch: ClickHouseClient, table: string, runId: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  // A partition expression takes no query parameter; the run id is validated by RunId and quoted here.
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(runId)) throw new Error(`not a run id: ${runId}`);
  await ch.command({ query: `ALTER TABLE ${table} DROP PARTITION '${runId}'` });
}
