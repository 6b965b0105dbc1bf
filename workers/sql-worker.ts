import fs from 'node:fs';
import path from 'node:path';
import { createSqlActivities } from '../activities';
import { createServiceClientActivities } from '../activities/service/signal-service-activity';
import { openArtifactStore } from '../artifacts/store';
import { resolveSettings } from '../config/settings';
import { describeEngine, migrate, openClickHouse } from '../clickhouse';
import { dropStaleMemberWindows } from '../clickhouse/features';
import { releaseAbandonedClaims } from '../clickhouse/ingest/claims';
import { serveEngineOverHttp, type EngineHttpServer } from '../clickhouse/http/engine-http-server';
import { loadOrCreateToken, removeSqlEndpoint, writeSqlEndpoint } from '../clickhouse/http/endpoint-file';
import { TASK_QUEUES } from '../messages/task-queues';
import { runWorkers, temporalAddress } from './run-worker';
import { runMain } from './main';

/**
 * The SQL worker: owns the ClickHouse engine (with chDB, the only process that may open its data
 * directory), applies migrations at start, and also runs workflow tasks. With `MUSICBOX_SQL_HTTP`
 * it also serves the embedded engine over ClickHouse's HTTP interface, for `musicbox sql`,
 * training workers in other processes or on other machines, and any ClickHouse tool.
 */
runMain(async () => {
  const settings = resolveSettings();
  const ch = await openClickHouse(settings);
  const marker = path.join(settings.home, 'sql-worker.json');
  let http: EngineHttpServer | undefined;
  try {
    await migrate(ch);
    // No other process can open the embedded engine: any member window left is a dead stage's.
    if (settings.clickhouse.kind === 'embedded') {
      await dropStaleMemberWindows(ch, { olderThanMs: 0 });
      // Likewise any claim on a file: its ingest died with the process that held the engine.
      const released = await releaseAbandonedClaims(ch);
      if (released > 0) console.log(`released ${released} file claim(s) left by an ingest that died`);
    }
    if (settings.sqlHttp && settings.clickhouse.kind === 'embedded') {
      const token = loadOrCreateToken(settings.home);
      http = await serveEngineOverHttp(ch, { token, ...settings.sqlHttp });
      writeSqlEndpoint(settings.home, { pid: process.pid, url: http.url, token });
      console.log(`serving the engine over HTTP at ${http.url} (user default, password: the token in ${path.join(settings.home, 'sql-http-token')})`);
    }
    const store = openArtifactStore(settings, ch);
    const activities = {
      ...createSqlActivities({ ch, engine: settings.clickhouse.kind, tmpDir: path.join(settings.home, 'tmp'), store }),
      ...createServiceClientActivities({ address: temporalAddress(settings), namespace: settings.temporal.namespace }),
    };
    await runWorkers(
      settings,
      [
        // Two SQL activities at a time: a short one (a `musicbox sql` query, a publish) need not wait
        // behind a long feature stage; more would only split the cores one query already uses.
        { taskQueue: TASK_QUEUES.sql, activities, maxConcurrentActivityTaskExecutions: 2 },
        { taskQueue: TASK_QUEUES.workflows, workflowsPath: require.resolve('../workflows') },
      ],
      () => {
        fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, address: temporalAddress(settings), namespace: settings.temporal.namespace }));
        console.log(`sql worker ready on ${describeEngine(settings)}, artifacts in ${store.location}, Temporal ${temporalAddress(settings)}`);
      },
    );
  } finally {
    fs.rmSync(marker, { force: true });
    removeSqlEndpoint(settings.home);
    await http?.close();
    await ch.close();
  }
});
