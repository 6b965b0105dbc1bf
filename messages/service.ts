import { z } from 'zod';
import { CalendarDate } from './calendar-date';
import { PipelineInput } from './pipeline';
import { RunId } from './run-id';

/** Workflow id of the long-running service; one per namespace unless a test or a second deployment picks another. */
export const SERVICE_WORKFLOW_ID = 'musicbox-service';

/** Names of the service's signals, updates and queries, as the Temporal CLI and Web UI spell them. */
export const SERVICE_MESSAGES = { retrain: 'retrain', promote: 'promote', rollback: 'rollback', status: 'status', stop: 'stop' } as const;

/** What the service publishes, each with its own champion: the churn model's scores and the blended recommendations. */
export const ChampionKind = z.enum(['churn', 'recommendations']);
export type ChampionKind = z.infer<typeof ChampionKind>;

const AsOf = CalendarDate;

/**
 * A retrain request (signal or update `retrain`). Every field is optional: `{}` retrains on what
 * is ingested with the seed's settings. Unknown keys are errors, so a typo never runs a default
 * retrain silently. The pipeline fields are those of `churnPipeline`'s input.
 */
export const RetrainRequest = PipelineInput.pick({ logsDir: true, features: true, churn: true, recommendations: true, branches: true })
  .extend({
    /** Run id of the retrain; default `retrain-<UTC time of the request>`. */
    runId: RunId.optional(),
    /** The date the run is placed at (a schedule's date); passed to the pipeline once it takes one. */
    asOf: AsOf.optional(),
    /** Idempotency key: a request whose key was seen already gets the first one's run id, not a second run. */
    requestId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type RetrainRequest = z.input<typeof RetrainRequest>;

/** Answer to update `retrain`: the run id that will carry the request, and whether it joined one already queued. */
export const RetrainAccepted = z.object({ runId: RunId, merged: z.boolean(), message: z.string() });
export type RetrainAccepted = z.infer<typeof RetrainAccepted>;

/** Absolute tolerances of the champion guard: a challenger is promoted when its metric ≥ the champion's − tolerance. */
export const GuardTolerances = z
  .object({
    /** On churn test AUC, both models scored on the challenger's test users. Default 0.01. */
    auc: z.number().min(0).max(1).default(0.01),
    /** On the blend's NDCG@10, both lists judged on the challenger's label-window plays. Default 0.01. */
    ndcg: z.number().min(0).max(1).default(0.01),
  })
  .strict();
export type GuardTolerances = z.infer<typeof GuardTolerances>;

/** One guard decision for one kind: both numbers, measured on the same rows. */
export const ChampionDecision = z.object({
  runId: RunId,
  kind: ChampionKind,
  /** Champion when the decision was taken; absent when there was none. */
  championRunId: z.string().optional(),
  metric: z.enum(['test_auc', 'ndcg_at_10']),
  challenger: z.number().nullable(),
  champion: z.number().nullable(),
  tolerance: z.number(),
  /** Users the two were compared on. */
  rows: z.number().int(),
  promoted: z.boolean(),
  reason: z.string(),
  /** Workflow time of the decision, ISO 8601. */
  decidedAt: z.string(),
});
export type ChampionDecision = z.infer<typeof ChampionDecision>;

/** The current champion of one kind, with what the guard needs to re-score it. */
export const ChampionRef = z.object({
  runId: RunId,
  /** The run that was champion before this one (what a rollback returns to). */
  previousRunId: z.string().optional(),
  since: z.string(),
  /** The churn champion's model (from model_registry). */
  model: z.object({ name: z.string(), kind: z.string(), artifact: z.string(), testAuc: z.number() }).optional(),
});
export type ChampionRef = z.infer<typeof ChampionRef>;
export const Champions = z.object({ churn: ChampionRef.optional(), recommendations: ChampionRef.optional() });
export type Champions = z.infer<typeof Champions>;

/**
 * A queued retrain. The request is kept as it was sent (validated when it arrived, no defaults
 * filled in), so the pipeline applies its own defaults and merged requests override only what
 * they set.
 */
const QueuedRetrain = z.object({ runId: RunId, request: z.custom<RetrainRequest>((v) => typeof v === 'object' && v !== null), requestedAt: z.string(), merged: z.number().int() });
export type QueuedRetrain = z.infer<typeof QueuedRetrain>;

/** What the service carries across continue-as-new. Small: decisions and request keys are capped. */
export const ServiceState = z.object({
  queued: QueuedRetrain.optional(),
  champions: Champions.default({}),
  decisions: z.array(ChampionDecision).default([]),
  /** Idempotency keys of recent requests and the run id each got. */
  requests: z.array(z.object({ requestId: z.string(), runId: RunId })).default([]),
  /** The last run id the service assigned, so two requests in the same second get distinct ids. */
  lastRunId: z.string().optional(),
  retrains: z.number().int().default(0),
  /** Executions so far (1 + continue-as-new count). */
  generation: z.number().int().default(1),
});
export type ServiceState = z.infer<typeof ServiceState>;

/** Input of `musicboxService`. */
export const ServiceInput = z
  .object({
    tolerances: GuardTolerances.default({ auc: 0.01, ndcg: 0.01 }),
    /**
     * Continue as new once history holds this many events, besides whenever Temporal suggests it
     * (default: only then). Small values exercise continue-as-new in tests.
     */
    maxHistoryEvents: z.number().int().min(10).optional(),
    /** Carried across continue-as-new; omit when starting. */
    state: ServiceState.optional(),
  })
  .strict();
export type ServiceInput = z.input<typeof ServiceInput>;

/** Query `status`. */
export const ServiceStatus = z.object({
  champions: Champions,
  inFlight: z.object({ runId: RunId, startedAt: z.string() }).optional(),
  queued: z.object({ runId: RunId, requestedAt: z.string(), merged: z.number().int() }).optional(),
  /** Latest first, at most 20. */
  decisions: z.array(ChampionDecision),
  retrains: z.number().int(),
  generation: z.number().int(),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** Result of `musicboxService` when stopped (signal `stop`); until then it continues as new. */
export const ServiceResult = ServiceStatus.omit({ inFlight: true, queued: true });
export type ServiceResult = z.infer<typeof ServiceResult>;

/** Update `promote`: make a run the champion of every kind it published. */
export const PromoteRequest = z.object({ runId: RunId, kinds: z.array(ChampionKind).min(1).optional() }).strict();
export type PromoteRequest = z.input<typeof PromoteRequest>;
/** Update `rollback`: return to each kind's previous champion. */
export const RollbackRequest = z.object({ kinds: z.array(ChampionKind).min(1).optional() }).strict();
export type RollbackRequest = z.input<typeof RollbackRequest>;
/** Answer to `promote` and `rollback`: the champions afterwards. */
export const ChampionsChanged = z.object({ champions: Champions, changed: z.array(ChampionKind) });
export type ChampionsChanged = z.infer<typeof ChampionsChanged>;

/** Input of `scheduledRetrain`: what a schedule starts; the as-of comes from the schedule when omitted. */
export const ScheduledRetrainInput = z
  .object({
    asOf: AsOf.optional(),
    serviceWorkflowId: z.string().min(1).default(SERVICE_WORKFLOW_ID),
    /** Pipeline settings of the scheduled retrains. */
    request: RetrainRequest.omit({ asOf: true, requestId: true, runId: true }).optional(),
  })
  .strict();
export type ScheduledRetrainInput = z.input<typeof ScheduledRetrainInput>;
export const ScheduledRetrainResult = z.object({ serviceWorkflowId: z.string(), asOf: z.string(), requestId: z.string() });
export type ScheduledRetrainResult = z.infer<typeof ScheduledRetrainResult>;
