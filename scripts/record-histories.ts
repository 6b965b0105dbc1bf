/**
 * Records event histories of real runs of the project's workflows into test/histories/, for the
 * replay tests. Starts its own dev server and workers, runs each workflow once on small generated
 * logs, and saves `temporal workflow show --output json`. Re-run after an intended workflow change:
 *   node --import tsx scripts/record-histories.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { spawnWorker } from '../cli/stack';
import { environmentWith, resolveSettings } from '../config/settings';
import { generateLogs } from '../generator';
import { TASK_QUEUES } from '../messages/task-queues';
import { PROJECT_ROOT, temporalCliOf } from '../temporal/binary';
import { startDevServer } from '../temporal/dev-server';
import { churnPipeline, featureStage, logIngest, sqlQuery } from '../workflows';

const OUT = path.join(PROJECT_ROOT, 'test', 'histories');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-histories-'));
  const cli = temporalCliOf(resolveSettings().temporal);
  const server = await startDevServer({ cli, stateDir: path.join(home, 'temporal'), port: await freePort(), uiPort: false });
  const settings = resolveSettings(environmentWith({ MUSICBOX_HOME: home, TEMPORAL_ADDRESS: server.address }));
  const workers = [await spawnWorker(settings, 'sql', server.address, false), await spawnWorker(settings, 'training', server.address, false)];
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  try {
    const logs = path.join(home, 'logs');
    await generateLogs({ outDir: logs, users: 400, days: 44, seed: 5 });
    const runs = [
      { name: 'log-ingest', id: 'history-log-ingest', run: () => client.workflow.execute(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-log-ingest', args: [{ dir: logs }] }) },
      { name: 'churn-pipeline', id: 'history-churn-pipeline', run: () => client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-churn-pipeline', args: [{ runId: 'history', logsDir: logs, churn: { grid: [{ nTrees: 5, maxDepth: 4, minSamplesLeaf: 5, maxFeatures: 'sqrt' }, { nTrees: 3, maxDepth: 2, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], folds: 2 } }] }) },
      // On the logs the pipeline ingested.
      { name: 'feature-stage', id: 'history-feature-stage', run: () => client.workflow.execute(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-feature-stage', args: [{ params: { runId: 'history-stage' } }] }) },
      { name: 'sql-query', id: 'history-sql-query', run: () => client.workflow.execute(sqlQuery, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-sql-query', args: [{ query: 'SELECT count() FROM events', format: 'TSV' }] }) },
    ];
    fs.mkdirSync(OUT, { recursive: true });
    for (const r of runs) {
      await r.run();
      const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', r.id, '--address', server.address, '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      fs.writeFileSync(path.join(OUT, `${r.name}.json`), json);
      console.log(`recorded ${r.name} (${json.length} bytes)`);
    }
  } finally {
    await client.connection.close();
    for (const w of workers) w.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
