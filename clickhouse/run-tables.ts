import type { ClickHouseClient } from '@clickhouse/client';

/**
 * Run-keyed tables are partitioned by run id, or by (run id, stage) where one run writes two
 * stages. A step clears its own partition before it inserts, so a retry replaces its output
 * and never duplicates it; other runs (and the other stage) are untouched.
 */

/** Table names come from constants, never from input; this keeps it so where they meet SQL text. */
function checkedTable(table: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  return table;
}

function runParams(runId: string, stage: string | undefined): Record<string, string> {
  return stage === undefined ? { run_id: runId } : { run_id: runId, stage };
}

/**
 * Removes one run's rows (of one stage, when `stage` is given and the table is partitioned by it).
 * The partition value is a bound parameter: ClickHouse accepts `{name:Type}` in a PARTITION expression.
 */
export async function clearRunPartition(ch: ClickHouseClient, table: string, runId: string, stage?: string): Promise<void> {
  const partition = stage === undefined ? '{run_id:String}' : '({run_id:String}, {stage:String})';
  await ch.command({ query: `ALTER TABLE ${checkedTable(table)} DROP PARTITION ${partition}`, query_params: runParams(runId, stage) });
}

/** Rows of one run (of one stage, when `stage` is given) in `table`. */
export async function countRunRows(ch: ClickHouseClient, table: string, runId: string, stage?: string): Promise<number> {
  const rs = await ch.query({
    query: `SELECT count() AS n FROM ${checkedTable(table)} WHERE run_id = {run_id:String}${stage === undefined ? '' : ' AND stage = {stage:String}'}`,
    query_params: runParams(runId, stage),
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: string }>();
  return Number(row?.n ?? 0);
}
