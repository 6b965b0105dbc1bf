import crypto from 'node:crypto';
import { runFormattedQuery } from '../activities/sql/run-query-activity';
import type { Settings } from '../config/settings';
import { migrate, openClickHouse } from '../clickhouse';
import { paramText, rowsOf, type RowParam, type Rows } from '../clickhouse/report/rows';
import { TASK_QUEUES } from '../messages/task-queues';
import { sqlQuery } from '../workflows';
import { readSqlWorkerMarker } from './stack-file';
import { connectClient } from './temporal-client';

/**
 * Runs the query where the engine is: a server directly; an embedded engine directly when no
 * worker holds it, else through the SQL worker as a short activity.
 */
export async function querySomehow(settings: Settings, query: string, format: string, params: Record<string, string> = {}): Promise<string> {
  const worker = settings.clickhouse.kind === 'embedded' ? readSqlWorkerMarker(settings) : undefined;
  if (worker) {
    const client = await connectClient(worker.address, worker.namespace);
    try {
      const result = await client.workflow.execute(sqlQuery, {
        taskQueue: TASK_QUEUES.workflows,
        workflowId: `sql-${crypto.randomUUID()}`,
        args: [{ query, format, params }],
      });
      return result.truncated ? `${result.text}\n… (result truncated; add a LIMIT, or stop the stack to query the engine directly)\n` : result.text;
    } finally {
      await client.connection.close();
    }
  }
  const ch = await openClickHouse(settings);
  try {
    await migrate(ch);
    return await runFormattedQuery(ch, query, format, params);
  } finally {
    await ch.close();
  }
}

/**
 * Runs `read` with a row reader on the engine, wherever it is (see querySomehow): through the SQL
 * worker when it holds the embedded engine, else on one client opened for the whole of `read`.
 */
export async function withRows<T>(settings: Settings, read: (rows: Rows) => Promise<T>): Promise<T> {
  if (settings.clickhouse.kind === 'embedded' && readSqlWorkerMarker(settings)) {
    return read(async <R>(query: string, params: Record<string, RowParam> = {}) => {
      const text = await querySomehow(settings, query, 'JSONEachRow', Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramText(v)])));
      if (text.includes('\n… (result truncated')) throw new Error(`a report query returned more than the worker carries back: ${query.slice(0, 80)}…`);
      return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as R);
    });
  }
  const ch = await openClickHouse(settings);
  try {
    await migrate(ch);
    return await read(rowsOf(ch));
  } finally {
    await ch.close();
  }
}
