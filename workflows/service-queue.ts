import type { ChampionDecision, QueuedRetrain, RetrainAccepted, RetrainRequest, ServiceState } from '../messages/service';

/*
 * The service's retrain queue, as pure functions of its state (no Temporal calls), so the rules
 * are unit-tested on their own: one run at a time, at most one queued behind it, and every
 * request that arrives meanwhile merges into that queued one.
 */

/** Idempotency keys and decisions kept: enough for retried requests and `status`, small enough for continue-as-new. */
export const KEPT_REQUESTS = 100;
export const KEPT_DECISIONS = 20;

/** `retrain-YYYYMMDD-HHMMSS` of the request time, suffixed `-2`, `-3`… when the previous id had the same second. */
export function nextRunId(now: Date, lastRunId: string | undefined): string {
  const base = `retrain-${now.toISOString().slice(0, 19).replace(/-/g, '').replace('T', '-').replace(/:/g, '')}`;
  if (lastRunId === base) return `${base}-2`;
  const suffix = lastRunId?.startsWith(`${base}-`) ? Number(lastRunId.slice(base.length + 1)) : NaN;
  return Number.isInteger(suffix) ? `${base}-${suffix + 1}` : base;
}

/**
 * Adds a validated request to the queue: a new queued run, or merged into the one already queued
 * (the later request's top-level fields win, the queued run id stays). A request whose idempotency key was seen gets the
 * same answer again and changes nothing.
 */
export function enqueue(state: ServiceState, request: RetrainRequest, now: Date): { state: ServiceState; accepted: RetrainAccepted } {
  const seen = request.requestId ? state.requests.find((r) => r.requestId === request.requestId) : undefined;
  if (seen) return { state, accepted: { runId: seen.runId, merged: true, message: `request ${request.requestId} was already accepted as run ${seen.runId}` } };
  let queued: QueuedRetrain;
  let accepted: RetrainAccepted;
  if (state.queued) {
    const { runId: _ignored, ...fields } = request;
    queued = { ...state.queued, request: { ...state.queued.request, ...fields, runId: state.queued.runId }, merged: state.queued.merged + 1 };
    accepted = { runId: queued.runId, merged: true, message: `merged into the retrain already queued as run ${queued.runId}` };
  } else {
    const runId = request.runId ?? nextRunId(now, state.lastRunId);
    queued = { runId, request: { ...request, runId }, requestedAt: now.toISOString(), merged: 0 };
    accepted = { runId, merged: false, message: `queued as run ${runId}` };
  }
  const requests = request.requestId ? [...state.requests, { requestId: request.requestId, runId: queued.runId }].slice(-KEPT_REQUESTS) : state.requests;
  return { state: { ...state, queued, requests, lastRunId: queued.runId }, accepted };
}

/** Latest decisions first, capped. */
export function withDecisions(state: ServiceState, decisions: ChampionDecision[]): ServiceState {
  return { ...state, decisions: [...decisions, ...state.decisions].slice(0, KEPT_DECISIONS) };
}
