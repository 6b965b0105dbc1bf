import path from 'node:path';
import { Command, Option } from 'commander';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { resolveSettings } from '../../config/settings';
import { ChampionKind, GuardTolerances, RetrainRequest, SERVICE_WORKFLOW_ID, type RollbackRequest } from '../../messages/service';
import { TASK_QUEUES } from '../../messages/task-queues';
import { musicboxService } from '../../workflows';
import { promoteUpdate, retrainUpdate, rollbackUpdate, statusQuery } from '../../workflows/service-messages';
import { championLines, formatServiceStatus } from '../print-service';
import { withServiceClient } from '../service-client';

const idOption = () => new Option('--id <workflowId>', 'workflow id of the service').default(SERVICE_WORKFLOW_ID);
const kindOption = () => new Option('--kind <kind>', 'only this kind (default: both)').choices(ChampionKind.options);
const service = (client: Client, id: string) => client.workflow.getHandle(id);

/** `musicbox service …`: thin commands over the Temporal client; the service workflow does the work. */
export function serviceCommand(): Command {
  const cmd = new Command('service').description('the long-running service: retrains one at a time, a champion guard, promote and rollback');

  cmd
    .command('start')
    .description('start the service workflow on the running stack (no-op when it runs already)')
    .addOption(idOption())
    .option('--tolerance-auc <x>', 'a challenger is promoted when its churn test AUC ≥ the champion\'s − this (default 0.01)', Number)
    .option('--tolerance-ndcg <x>', 'the same for the blend\'s NDCG@10 (default 0.01)', Number)
    .action(async (opts: { id: string; toleranceAuc?: number; toleranceNdcg?: number }) => {
      const tolerances = GuardTolerances.parse({ auc: opts.toleranceAuc, ndcg: opts.toleranceNdcg });
      await withServiceClient(resolveSettings(), async (client) => {
        try {
          await client.workflow.start(musicboxService, { workflowId: opts.id, taskQueue: TASK_QUEUES.workflows, args: [{ tolerances }] });
          console.log(`service ${opts.id} started (tolerances: AUC ${tolerances.auc}, NDCG@10 ${tolerances.ndcg})`);
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          console.log(`service ${opts.id} is already running`);
        }
      });
    });

  cmd
    .command('status')
    .description('champions, the run in flight, the queue and the last guard decisions with their numbers')
    .addOption(idOption())
    .option('--json', 'print the status as JSON')
    .action(async (opts: { id: string; json?: boolean }) => {
      await withServiceClient(resolveSettings(), async (client) => {
        const status = await service(client, opts.id).query(statusQuery);
        console.log(opts.json ? JSON.stringify(status, null, 2) : formatServiceStatus(opts.id, status));
      });
    });

  cmd
    .command('retrain')
    .description('ask for a retrain; prints the run id (or the queued run it merged into)')
    .addOption(idOption())
    .option('--run-id <id>', 'run id of the retrain (default retrain-<UTC time>)')
    .option('--logs <dir>', 'folder of raw logs to ingest first')
    .option('--as-of <date>', 'the date the run is placed at, YYYY-MM-DD')
    .option('--request <json>', 'further pipeline settings as JSON, e.g. \'{"churn":{"grid":"none"}}\'')
    .action(async (opts: { id: string; runId?: string; logs?: string; asOf?: string; request?: string }) => {
      const request = RetrainRequest.parse({
        ...(opts.request ? (JSON.parse(opts.request) as object) : {}),
        ...(opts.runId && { runId: opts.runId }),
        ...(opts.logs && { logsDir: path.resolve(opts.logs) }),
        ...(opts.asOf && { asOf: opts.asOf }),
      });
      await withServiceClient(resolveSettings(), async (client) => {
        const accepted = await service(client, opts.id).executeUpdate(retrainUpdate, { args: [request] });
        console.log(`${accepted.runId}: ${accepted.message}`);
      });
    });

  cmd
    .command('promote')
    .description('make a run the champion (every kind it published, or --kind)')
    .argument('<run>', 'run id')
    .addOption(idOption())
    .addOption(kindOption())
    .action(async (runId: string, opts: { id: string; kind?: ChampionKind }) => {
      await withServiceClient(resolveSettings(), async (client) => {
        const r = await service(client, opts.id).executeUpdate(promoteUpdate, { args: [{ runId, ...(opts.kind && { kinds: [opts.kind] }) }] });
        console.log([r.changed.length ? `promoted ${runId} for ${r.changed.join(' and ')}` : `${runId} was already the champion`, ...championLines(r.champions)].join('\n'));
      });
    });

  cmd
    .command('rollback')
    .description('return to the previous champion (both kinds, or --kind)')
    .addOption(idOption())
    .addOption(kindOption())
    .action(async (opts: { id: string; kind?: ChampionKind }) => {
      const request: RollbackRequest = opts.kind ? { kinds: [opts.kind] } : {};
      await withServiceClient(resolveSettings(), async (client) => {
        const r = await service(client, opts.id).executeUpdate(rollbackUpdate, { args: [request] });
        console.log([`rolled back ${r.changed.join(' and ')}`, ...championLines(r.champions)].join('\n'));
      });
    });
  return cmd;
}
