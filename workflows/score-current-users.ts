import { ApplicationFailure } from '@temporalio/workflow';
import { ChurnModelKind } from '../messages/churn';
import { ScoreRunInput, type ScoreRunResult } from '../messages/score-run';
import { sql, sqlShort, training } from './activity-stubs';
import { scheduledAsOf } from './scheduled-date';
import { parseWorkflowInput } from './workflow-input';

/**
 * A score-only run: ingest new files (when a folder is given), build the scoring snapshot at the
 * as-of date, and score every active user with the champion's churn model, without training.
 * The scores go to churn_scores under this run's id; latest_churn_scores serves them because they
 * are the newest made by the champion's model. Refuses (non-retryable) while there is no champion.
 */
export async function scoreCurrentUsers(rawInput: ScoreRunInput = {}): Promise<ScoreRunResult> {
  const input = parseWorkflowInput('scoreCurrentUsers', ScoreRunInput, rawInput ?? {});
  const champion = (await sqlShort.readCurrentChampions()).churn;
  if (!champion?.model) {
    throw ApplicationFailure.nonRetryable(
      'there is no champion churn model to score with yet: train one first (musicbox service retrain, or musicbox run), then score again',
      'NoChampion',
    );
  }
  // A schedule's tick scores as of the last full day before it, so a backfill re-scores each past day.
  const asOf = input.asOf ?? scheduledAsOf();
  const runId = input.runId ?? (asOf ? `score-${asOf}` : `score-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`);
  const ingest = input.logsDir ? await sql.ingestLogs({ dir: input.logsDir }) : undefined;
  const snapshot = await sql.buildScoringSnapshot({ params: { ...input.features, runId }, asOf });
  const kind = ChurnModelKind.parse(champion.model.kind);
  const scored = await training.scoreUsers({ runId, model: champion.model.artifact, kind, scoringMatrix: snapshot.scoringMatrix });
  const published = await sql.publishChurnScores({ runId, scores: scored.scores, modelRunId: champion.runId, asOf: snapshot.snapshotDate });
  return {
    runId,
    modelRunId: champion.runId,
    model: champion.model.name,
    snapshotDate: snapshot.snapshotDate,
    scored: scored.users,
    atRisk: scored.atRisk,
    meanProbability: scored.meanProbability,
    table: published.table,
    ingest: ingest && { files: ingest.files, loaded: ingest.loaded, skipped: ingest.unchangedFiles },
  };
}
