import { ApplicationFailure } from '@temporalio/common';
import { lookupRunModel, moveChampion, movedAt, publishedKinds, readChampions, recordDecisions, rollbackTarget } from '../../clickhouse/champions';
import { LookupRunModelInput, PromoteRunInput, RecordDecisionsInput, RollbackChampionsInput, type ChampionsResult, type LookupRunModelResult } from '../../messages/champion';
import type { ChampionKind, Champions } from '../../messages/service';
import type { SqlDeps } from '../deps';

/**
 * The champion pointer's activities, called by the service workflow (the one place that decides)
 * and by score-only runs. Each move is keyed by the workflow's decision time, so a retry never
 * moves a pointer twice.
 */
export function createChampionActivities({ ch }: SqlDeps) {
  async function readCurrentChampions(): Promise<Champions> {
    return readChampions(ch);
  }

  async function lookupChurnModel(raw: LookupRunModelInput): Promise<LookupRunModelResult> {
    const { runId } = LookupRunModelInput.parse(raw);
    return { model: await lookupRunModel(ch, runId) };
  }

  /** Records the guard's decisions, then points each promoted kind at the challenger. */
  async function recordChampionDecisions(raw: RecordDecisionsInput): Promise<Champions> {
    const { at, decisions } = RecordDecisionsInput.parse(raw);
    const before = await readChampions(ch);
    for (const d of decisions.filter((x) => x.promoted)) {
      const current = before[d.kind]?.runId;
      if (current === d.runId) continue;
      await moveChampion(ch, { kind: d.kind, runId: d.runId, previousRunId: current, at, reason: d.reason });
    }
    await recordDecisions(ch, decisions);
    return readChampions(ch);
  }

  /** A person's promotion of a run: every kind it published, or those asked for. */
  async function promoteRun(raw: PromoteRunInput): Promise<ChampionsResult> {
    const { runId, kinds, at, reason } = PromoteRunInput.parse(raw);
    const published = await publishedKinds(ch, runId);
    const wanted = kinds ?? published;
    const missing = wanted.filter((k) => !published.includes(k));
    if (wanted.length === 0 || missing.length > 0) {
      throw ApplicationFailure.nonRetryable(
        `run ${runId} has no published ${(missing.length ? missing : ['churn model or recommendations']).join(' or ')}: ` +
          'promote a run that finished its pipeline (musicbox sql "SELECT run_id FROM model_registry")',
        'UnknownRun',
      );
    }
    const before = await readChampions(ch);
    const changed: ChampionKind[] = [];
    for (const kind of wanted) {
      if (before[kind]?.runId === runId) continue;
      await moveChampion(ch, { kind, runId, previousRunId: before[kind]?.runId, at, reason });
      changed.push(kind);
    }
    return { champions: await readChampions(ch), changed };
  }

  /** Returns each kind (or those asked for) to the champion before the current one. */
  async function rollbackChampions(raw: RollbackChampionsInput): Promise<ChampionsResult> {
    const { kinds, at } = RollbackChampionsInput.parse(raw);
    const changed: ChampionKind[] = [];
    const refused: string[] = [];
    for (const kind of kinds ?? (['churn', 'recommendations'] as const)) {
      // A retried rollback finds its move already made (keyed by `at`): report it, do not roll back further.
      if (await movedAt(ch, kind, at)) {
        changed.push(kind);
        continue;
      }
      const target = await rollbackTarget(ch, kind);
      if (!target) {
        refused.push(kind);
        continue;
      }
      await moveChampion(ch, { kind, runId: target.to, previousRunId: target.toPrevious || undefined, at, reason: `rollback from ${target.from}` });
      changed.push(kind);
    }
    if (changed.length === 0 || (kinds && refused.length > 0)) {
      throw ApplicationFailure.nonRetryable(`no previous champion to roll back to for ${refused.join(' and ')}: promote a run instead (musicbox service promote RUN)`, 'NoPreviousChampion');
    }
    return { champions: await readChampions(ch), changed };
  }

  return { readCurrentChampions, lookupChurnModel, recordChampionDecisions, promoteRun, rollbackChampions };
}
