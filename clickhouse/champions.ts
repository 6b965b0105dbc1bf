import type { ClickHouseClient } from '@clickhouse/client';
import type { RunModel } from '../messages/champion';
import type { ChampionDecision, ChampionKind, ChampionRef, Champions } from '../messages/service';

/*
 * The champion pointer (table `champions`, migration 0400): one row per move, the latest row of a
 * kind is its champion, and the `latest_*` views read it. Moves are keyed by the time the caller
 * decided them, so a retried move finds its own row instead of moving twice.
 */

const KINDS: ChampionKind[] = ['churn', 'recommendations'];

/** ISO 8601 (what workflows carry) to the form a DateTime64 parameter takes. */
const toDateTime = (iso: string) => iso.replace('T', ' ').replace(/Z$/, '');
const toIso = (dt: string) => `${dt.replace(' ', 'T')}Z`;

async function rows<T>(ch: ClickHouseClient, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await ch.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}

/** A run's registered churn model, or null when the run trained none. */
export async function lookupRunModel(ch: ClickHouseClient, runId: string): Promise<RunModel | null> {
  const [m] = await rows<{ model: string; kind: RunModel['kind']; artifact: string; test_auc: number }>(
    ch,
    'SELECT model, kind, artifact, test_auc FROM model_registry FINAL WHERE run_id = {run_id:String} ORDER BY registered_at DESC LIMIT 1',
    { run_id: runId },
  );
  return m ? { runId, name: m.model, kind: m.kind, artifact: m.artifact, testAuc: m.test_auc } : null;
}

/** The current champion of each kind (absent when there is none), the churn one with its model. */
export async function readChampions(ch: ClickHouseClient): Promise<Champions> {
  const latest = await rows<{ kind: ChampionKind; current: string; previous: string; since: string }>(
    ch,
    `SELECT kind, argMax(run_id, changed_at) AS current, argMax(previous_run_id, changed_at) AS previous, toString(max(changed_at)) AS since
     FROM champions GROUP BY kind`,
  );
  const out: Champions = {};
  for (const row of latest) {
    const ref: ChampionRef = { runId: row.current, since: toIso(row.since), ...(row.previous && { previousRunId: row.previous }) };
    if (row.kind === 'churn') {
      const model = await lookupRunModel(ch, row.current);
      if (model) ref.model = { name: model.name, kind: model.kind, artifact: model.artifact, testAuc: model.testAuc };
    }
    out[row.kind] = ref;
  }
  return out;
}

/** Kinds a run has published rows of: a registered churn model, recommendation lists. */
export async function publishedKinds(ch: ClickHouseClient, runId: string): Promise<ChampionKind[]> {
  const [r] = await rows<{ churn: number; recs: number }>(
    ch,
    `SELECT (SELECT count() FROM model_registry WHERE run_id = {run_id:String}) > 0 AS churn,
            (SELECT count() FROM published_runs WHERE run_id = {run_id:String} AND kind = 'recommendations') > 0 AS recs`,
    { run_id: runId },
  );
  return KINDS.filter((k) => (k === 'churn' ? Number(r.churn) : Number(r.recs)) === 1);
}

export interface ChampionMove {
  kind: ChampionKind;
  runId: string;
  previousRunId?: string;
  /** ISO 8601 time the move was decided: its key. */
  at: string;
  reason: string;
}

/** True when `kind` was already moved at `at` (by an earlier attempt of the same step). */
export async function movedAt(ch: ClickHouseClient, kind: ChampionKind, at: string): Promise<boolean> {
  const [done] = await rows<{ n: string }>(ch, "SELECT count() AS n FROM champions WHERE kind = {kind:String} AND changed_at = {at:DateTime64(3, 'UTC')}", {
    kind,
    at: toDateTime(at),
  });
  return Number(done.n) > 0;
}

/** Points `kind` at a run. A retried move (same kind and time) is a no-op. */
export async function moveChampion(ch: ClickHouseClient, move: ChampionMove): Promise<void> {
  if (await movedAt(ch, move.kind, move.at)) return;
  await ch.insert({
    table: 'champions',
    format: 'JSONEachRow',
    values: [{ kind: move.kind, run_id: move.runId, previous_run_id: move.previousRunId ?? '', changed_at: toDateTime(move.at), reason: move.reason }],
  });
}

/**
 * Makes a run the champion of `kind` only when there is none yet: how a run outside the service
 * (plain `musicbox run`) publishes. With a champion in place its rows stay unpublished until the
 * service's guard or a person promotes them.
 */
export async function claimIfNoChampion(ch: ClickHouseClient, kind: ChampionKind, runId: string): Promise<boolean> {
  await ch.command({
    query: `INSERT INTO champions (kind, run_id, previous_run_id, changed_at, reason)
            SELECT {kind:String}, {run_id:String}, '', now64(3), 'first run: there was no champion'
            WHERE (SELECT count() FROM champions WHERE kind = {kind:String}) = 0`,
    query_params: { kind, run_id: runId },
  });
  const [r] = await rows<{ run_id: string }>(ch, 'SELECT argMax(run_id, changed_at) AS run_id FROM champions WHERE kind = {kind:String}', { kind });
  return r?.run_id === runId;
}

/** The champion a rollback of `kind` returns to, and that one's own predecessor. */
export async function rollbackTarget(ch: ClickHouseClient, kind: ChampionKind): Promise<{ from: string; to: string; toPrevious: string } | undefined> {
  const [r] = await rows<{ from: string; to: string; to_previous: string }>(
    ch,
    `WITH cur AS (SELECT argMax(run_id, changed_at) AS run_id, argMax(previous_run_id, changed_at) AS previous FROM champions WHERE kind = {kind:String})
     SELECT (SELECT run_id FROM cur) AS from, (SELECT previous FROM cur) AS to,
            (SELECT argMax(previous_run_id, changed_at) FROM champions WHERE kind = {kind:String} AND run_id = (SELECT previous FROM cur)) AS to_previous`,
    { kind },
  );
  return r && r.to ? { from: r.from, to: r.to, toPrevious: r.to_previous } : undefined;
}

/** Records guard decisions; a retry finds its rows and writes nothing. */
export async function recordDecisions(ch: ClickHouseClient, decisions: ChampionDecision[]): Promise<void> {
  for (const d of decisions) {
    const [done] = await rows<{ n: string }>(
      ch,
      `SELECT count() AS n FROM champion_decisions WHERE run_id = {run_id:String} AND kind = {kind:String} AND decided_at = {at:DateTime64(3, 'UTC')}`,
      { run_id: d.runId, kind: d.kind, at: toDateTime(d.decidedAt) },
    );
    if (Number(done.n) > 0) continue;
    await ch.insert({
      table: 'champion_decisions',
      format: 'JSONEachRow',
      values: [
        {
          decided_at: toDateTime(d.decidedAt),
          run_id: d.runId,
          kind: d.kind,
          champion_run_id: d.championRunId ?? '',
          metric: d.metric,
          challenger: d.challenger,
          champion: d.champion,
          tolerance: d.tolerance,
          rows: d.rows,
          promoted: d.promoted,
          reason: d.reason,
        },
      ],
    });
  }
}

/** Notes which model scored a run's churn_scores (the run itself for a training run). */
export async function recordScoreRun(ch: ClickHouseClient, runId: string, modelRunId: string, asOf = ''): Promise<void> {
  await ch.insert({ table: 'churn_score_runs', format: 'JSONEachRow', values: [{ run_id: runId, model_run_id: modelRunId, as_of: asOf }] });
}
