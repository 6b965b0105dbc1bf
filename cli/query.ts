import crypto from 'node:crypto';
import { runFormattedQuery } from '../activities/sql/run-query-activity';
import type { Settings } from '../config/settings';
import { migrate, openClickHouse } from '../clickhouse';
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
