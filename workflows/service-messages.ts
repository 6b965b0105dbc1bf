import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  SERVICE_MESSAGES, type ChampionsChanged, type PromoteRequest, type RetrainAccepted, type RetrainRequest, type RollbackRequest, type ServiceStatus,
} from '../messages/service';

/** Fire-and-forget retrain request (what a schedule's signal-with-start sends). */
export const retrainSignal = defineSignal<[RetrainRequest]>(SERVICE_MESSAGES.retrain);
/** Validated retrain request: rejected before it enters history when invalid; answers with the run id. */
export const retrainUpdate = defineUpdate<RetrainAccepted, [RetrainRequest]>(SERVICE_MESSAGES.retrain);
export const promoteUpdate = defineUpdate<ChampionsChanged, [PromoteRequest]>(SERVICE_MESSAGES.promote);
export const rollbackUpdate = defineUpdate<ChampionsChanged, [RollbackRequest]>(SERVICE_MESSAGES.rollback);
export const statusQuery = defineQuery<ServiceStatus>(SERVICE_MESSAGES.status);
/** Ends the service once the run in flight and the queued one are done (it returns its status). */
export const stopSignal = defineSignal<[]>(SERVICE_MESSAGES.stop);
