import type { ChampionDecision, Champions, ServiceStatus } from '../messages/service';

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

/** The champions, one line per kind. */
export function championLines(champions: Champions): string[] {
  const churn = champions.churn;
  const recs = champions.recommendations;
  return [
    churn
      ? `churn champion: run ${churn.runId} since ${churn.since}${churn.model ? ` (model ${churn.model.name}, its own test AUC ${fmt(churn.model.testAuc)})` : ''}`
      : 'churn champion: none yet',
    recs ? `recommendations champion: run ${recs.runId} since ${recs.since}` : 'recommendations champion: none yet',
  ];
}

export function decisionLine(d: ChampionDecision): string {
  return `${d.decidedAt} run ${d.runId} ${d.kind}: ${d.promoted ? 'PROMOTED' : 'kept champion'} (${d.metric} ${fmt(d.challenger)} vs ${fmt(d.champion)}) ${d.reason}`;
}

/** `musicbox service status` as a person reads it. */
export function formatServiceStatus(workflowId: string, s: ServiceStatus): string {
  return [
    `service ${workflowId}: ${s.retrains} retrain(s) done, execution ${s.generation}`,
    ...championLines(s.champions),
    s.inFlight ? `in flight: run ${s.inFlight.runId} since ${s.inFlight.startedAt}` : 'in flight: nothing',
    s.queued ? `queued: run ${s.queued.runId} (requested ${s.queued.requestedAt}${s.queued.merged ? `, ${s.queued.merged} more request(s) merged into it` : ''})` : 'queued: nothing',
    s.decisions.length ? 'last decisions:' : 'no decisions yet',
    ...s.decisions.slice(0, 10).map((d) => `  ${decisionLine(d)}`),
  ].join('\n');
}
