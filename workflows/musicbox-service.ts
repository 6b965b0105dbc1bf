import { allHandlersFinished, condition, continueAsNew, executeChild, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { ChurnOptions } from '../messages/churn';
import type { PipelineInput } from '../messages/pipeline';
import { pipelineWorkflowId } from '../messages/run-id';
import {
  PromoteRequest, RetrainRequest, RollbackRequest, ServiceInput, ServiceState, type ChampionsChanged, type QueuedRetrain, type ServiceResult, type ServiceStatus,
} from '../messages/service';
import { TASK_QUEUES } from '../messages/task-queues';
import { sqlShort } from './activity-stubs';
import { guardRun } from './champion-guard';
import { parseMessage } from './parse-input';
import { parseWorkflowInput } from './workflow-input';
import { churnPipeline } from './churn-pipeline';
import { enqueue, withDecisions } from './service-queue';
import { promoteUpdate, retrainSignal, retrainUpdate, rollbackUpdate, statusQuery, stopSignal } from './service-messages';

/**
 * The long-running service, the one place that decides what is published. Retrain requests
 * (signal or update `retrain`, and schedules through signal-with-start) run one at a time as
 * child `churnPipeline` runs; requests that arrive meanwhile merge into one queued run. After each
 * run the champion guard compares it with the champion on the same rows and moves the champion
 * pointer (which the `latest_*` views follow) only if it is good enough. People promote and roll
 * back through updates. The state continues as new when Temporal suggests it.
 */
export async function musicboxService(rawInput: ServiceInput = {}): Promise<ServiceResult> {
  const input = parseWorkflowInput('musicboxService', ServiceInput, rawInput ?? {});
  let state: ServiceState = input.state ?? ServiceState.parse({});
  let inFlight: { runId: string; startedAt: string } | undefined;
  let stopping = false;
  // Moves of the champion pointer (the guard, promote, rollback) happen one at a time.
  let pointerBusy = false;
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    await condition(() => !pointerBusy);
    pointerBusy = true;
    try {
      return await work();
    } finally {
      pointerBusy = false;
    }
  };
  const now = () => new Date();

  const accept = (request: RetrainRequest) => {
    const next = enqueue(state, request, now());
    state = next.state;
    log.info('retrain requested', { ...next.accepted });
    return next.accepted;
  };
  setHandler(retrainSignal, (request) => {
    // A signal cannot be refused: an invalid one is logged and dropped (the update reports it instead).
    const parsed = RetrainRequest.safeParse(request ?? {});
    if (!parsed.success) log.warn('retrain signal ignored: invalid request', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    else accept(request ?? {});
  });
  // The validator has checked the request; the queue keeps it as sent (no defaults filled in).
  setHandler(retrainUpdate, (request) => accept(request ?? {}), {
    validator: (request) => void parseMessage(RetrainRequest, request, 'retrain request'),
  });
  setHandler(
    promoteUpdate,
    (request) =>
      exclusive(async (): Promise<ChampionsChanged> => {
        const { runId, kinds } = PromoteRequest.parse(request);
        const r = await sqlShort.promoteRun({ runId, kinds, at: now().toISOString(), reason: 'promoted by hand' });
        state = { ...state, champions: r.champions };
        return r;
      }),
    { validator: (request) => void parseMessage(PromoteRequest, request, 'promote request') },
  );
  setHandler(
    rollbackUpdate,
    (request) =>
      exclusive(async (): Promise<ChampionsChanged> => {
        const { kinds } = RollbackRequest.parse(request ?? {});
        const r = await sqlShort.rollbackChampions({ kinds, at: now().toISOString() });
        state = { ...state, champions: r.champions };
        return r;
      }),
    { validator: (request) => void parseMessage(RollbackRequest, request ?? {}, 'rollback request') },
  );
  setHandler(stopSignal, () => void (stopping = true));
  setHandler(statusQuery, (): ServiceStatus => ({
    champions: state.champions,
    inFlight,
    queued: state.queued && { runId: state.queued.runId, requestedAt: state.queued.requestedAt, merged: state.queued.merged },
    decisions: state.decisions,
    retrains: state.retrains,
    generation: state.generation,
  }));

  // Read first, then merge: a request that arrives while the read runs must not be overwritten.
  const champions = await sqlShort.readCurrentChampions();
  state = { ...state, champions };
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || (input.maxHistoryEvents !== undefined && workflowInfo().historyLength >= input.maxHistoryEvents);

  for (;;) {
    await condition(() => state.queued !== undefined || stopping || historyIsLong());
    const queued = state.queued;
    if (!queued) break;
    state = { ...state, queued: undefined };
    inFlight = { runId: queued.runId, startedAt: now().toISOString() };
    try {
      await retrain(queued);
    } finally {
      inFlight = undefined;
    }
  }
  // Updates still running (a promote, say) finish in this execution, not half in the next.
  await condition(() => allHandlersFinished() && !pointerBusy);
  if (stopping && !state.queued) return { champions: state.champions, decisions: state.decisions, retrains: state.retrains, generation: state.generation };
  log.info('continuing as new', { historyLength: workflowInfo().historyLength, generation: state.generation });
  return continueAsNew<typeof musicboxService>({ ...input, state: { ...state, generation: state.generation + 1 } });

  async function retrain(queued: QueuedRetrain): Promise<void> {
    const { runId: _runId, asOf, requestId: _requestId, ...pipeline } = queued.request;
    // The request's as-of places the run in time (a schedule's tick date); without one the pipeline picks its own.
    const pipelineInput: PipelineInput = { ...pipeline, runId: queued.runId, ...(asOf && { asOf }) };
    try {
      const run = await executeChild(churnPipeline, { workflowId: pipelineWorkflowId(queued.runId), taskQueue: TASK_QUEUES.workflows, args: [pipelineInput] });
      await exclusive(async () => {
        // Against the champions as they are now: a person may have promoted one while the run trained.
        const champions = await sqlShort.readCurrentChampions();
        const decidedAt = now().toISOString();
        const decisions = await guardRun(run, ChurnOptions.parse(pipeline.churn ?? {}), champions, input.tolerances, decidedAt);
        const after = await sqlShort.recordChampionDecisions({ at: decidedAt, decisions });
        state = withDecisions({ ...state, champions: after }, decisions);
      });
    } catch (err) {
      // A failed run publishes nothing new; the service stays up for the next request.
      log.error('retrain failed', { runId: queued.runId, error: err instanceof Error ? err.message : String(err) });
    }
    state = { ...state, retrains: state.retrains + 1 };
  }
}
