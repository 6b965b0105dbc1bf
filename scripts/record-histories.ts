/**
 * Records event histories of real runs of the project's workflows into test/histories/, for the
 * replay tests. Starts its own dev server and workers, runs each workflow once on small generated
 * logs, and saves `temporal workflow show --output json`. Re-run after an intended workflow change:
 *   node --import tsx scripts/record-histories.ts [NAME…]
 * With names (e.g. musicbox-service), only those histories are recorded (the ingest still runs
 * first, as the others read its data); a name's prerequisites must be named too
 * (scheduled-retrain is recorded from the musicbox-service run).
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
import { churnPipeline, featureStage, logIngest, musicboxService, scheduledRetrain, scoreCurrentUsers } from '../workflows';
import { promoteUpdate, retrainSignal, retrainUpdate, rollbackUpdate, statusQuery, stopSignal } from '../workflows/service-messages';

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
    const runs: { name: string; id: string; run: () => Promise<unknown> }[] = [
      { name: 'log-ingest', id: 'history-log-ingest', run: () => client.workflow.execute(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-log-ingest', args: [{ dir: logs }] }) },
      { name: 'churn-pipeline', id: 'history-churn-pipeline', run: () => client.workflow.execute(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-churn-pipeline', args: [{ asOf: 'latest', logsDir: logs, churn: { grid: [{ nTrees: 5, maxDepth: 4, minSamplesLeaf: 5, maxFeatures: 'sqrt' }, { nTrees: 3, maxDepth: 2, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], folds: 2 } }] }) },
      // On the logs the pipeline ingested (its run id is derived from the as-of date: run-2017-05-12).
      { name: 'feature-stage', id: 'history-feature-stage', run: () => client.workflow.execute(featureStage, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-feature-stage', args: [{ params: { runId: 'history-stage' } }] }) },
    ];
    const fast = { churn: { grid: 'none' as const } };
    const service = () => client.workflow.getHandle<typeof musicboxService>('history-service');
    const decided = async (id: string, runId: string) => {
      while (!(await client.workflow.getHandle<typeof musicboxService>(id).query(statusQuery)).decisions.some((d) => d.runId === runId)) await new Promise((r) => setTimeout(r, 500));
    };
    runs.push(
      {
        // Two retrains (an update, then a schedule's tick through signal-with-start), the guard, a rollback and a promotion, then stop.
        name: 'musicbox-service',
        id: 'history-service',
        run: async () => {
          await client.workflow.start(musicboxService, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-service', args: [{}] });
          await service().executeUpdate(retrainUpdate, { args: [{ ...fast, runId: 'history-service-a' }] });
          await decided('history-service', 'history-service-a');
          await client.workflow.execute(scheduledRetrain, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-scheduled-retrain', args: [{ asOf: '2017-05-12', serviceWorkflowId: 'history-service', request: { ...fast, churn: { grid: 'none', testFraction: 0.9 } } }] });
          const s = await service().query(statusQuery);
          const scheduledRun = s.queued?.runId ?? s.inFlight?.runId ?? s.decisions[0].runId;
          await decided('history-service', scheduledRun);
          await service().executeUpdate(promoteUpdate, { args: [{ runId: scheduledRun }] });
          await service().executeUpdate(rollbackUpdate, { args: [{}] });
          await service().signal(stopSignal);
          return service().result();
        },
      },
      { name: 'scheduled-retrain', id: 'history-scheduled-retrain', run: () => Promise.resolve() },
      {
        name: 'score-current-users',
        id: 'history-score-current-users',
        run: () => client.workflow.execute(scoreCurrentUsers, { taskQueue: TASK_QUEUES.workflows, workflowId: 'history-score-current-users', args: [{ asOf: '2017-05-10' }] }),
      },
      {
        // A service that continues as new after its first retrain: the recorded first execution ends in continue-as-new.
        name: 'musicbox-service-continued',
        id: 'history-service-continued',
        run: async () => {
          const handle = await client.workflow.signalWithStart(musicboxService, {
            taskQueue: TASK_QUEUES.workflows,
            workflowId: 'history-service-continued',
            args: [{ maxHistoryEvents: 10 }],
            signal: retrainSignal,
            signalArgs: [{ ...fast, runId: 'history-service-c' }],
          });
          await decided('history-service-continued', 'history-service-c');
          while ((await handle.query(statusQuery)).generation < 2) await new Promise((r) => setTimeout(r, 500));
          await handle.terminate('recorded');
        },
      },
    );
    fs.mkdirSync(OUT, { recursive: true });
    const runIds: Record<string, string | undefined> = { 'history-service-continued': 'first' };
    const only = process.argv.slice(2);
    for (const name of only) if (!runs.some((r) => r.name === name)) throw new Error(`no history named ${name} (${runs.map((r) => r.name).join(', ')})`);
    for (const r of runs) {
      const wanted = only.length === 0 || only.includes(r.name);
      if (!wanted && r.name !== 'log-ingest') continue;
      await r.run();
      if (!wanted) continue;
      const first = runIds[r.id] === 'first' ? ['--run-id', (await client.workflow.getHandle(r.id).describe()).raw.workflowExecutionInfo?.firstRunId ?? ''] : [];
      const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', r.id, ...first, '--address', server.address, '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
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
