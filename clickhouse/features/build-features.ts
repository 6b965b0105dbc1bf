import type { ClickHouseClient } from '@clickhouse/client';
import { cleanPlays, type CleaningReport } from './clean-plays';
import { computeFeatures, computeScoringFeatures } from './compute-features';
import { computeLabels } from './compute-labels';
import { computeRatings, type RatingsResult } from './compute-ratings';
import { withMemberWindow } from './member-window';
import { resolveScoringContext, type RunContext } from './run-context';
import { timed } from './run-step';

export interface BuildFeaturesOptions {
  /** Also build the scoring snapshot (end = latest ingested date). Default true. */
  scoring?: boolean;
  /** Largest window read into memory (see withMemberWindow); 0 makes every step read `events`. */
  memberWindowMaxRows?: number;
}

/** Small, serialisable summary of one run of the feature stage. */
export interface FeatureStageSummary {
  runId: string;
  snapshotDate: string;
  labelled: number;
  churned: number;
  cleaning: CleaningReport;
  featureRows: number;
  ratings: RatingsResult;
  /** Absent when the scoring snapshot was not asked for. */
  scoring?: { snapshotDate: string; rows: number; bots: number; members: number };
  /** Milliseconds per step, in run order (`window`: reading the members' events into memory, 0 when they are read from `events`). */
  stepMs: { labels: number; window: number; clean: number; features: number; ratings: number; scoring?: number };
}

/**
 * Runs the whole stage for one run: labels, cleaning, features, ratings, scoring snapshot, all
 * from the training context resolved once (resolveTrainingContext). Cleaning, features and
 * ratings read the members' events from one in-memory member window. Each step replaces its own
 * output, so the function (or any step alone, which reads `events`) can be retried.
 */
export async function buildFeatures(
  ch: ClickHouseClient,
  training: RunContext,
  options: BuildFeaturesOptions = {},
): Promise<FeatureStageSummary> {
  const p = training.params;
  const [labels, labelsMs] = await timed(() => computeLabels(ch, training));
  const opened = performance.now();
  const { cleaning, features, ratings, ms } = await withMemberWindow(
    ch,
    training,
    async (ctx) => {
      const windowMs = ctx.memberWindow === undefined ? 0 : Math.round(performance.now() - opened);
      const [cleaning, cleanMs] = await timed(() => cleanPlays(ch, ctx));
      const [features, featuresMs] = await timed(() => computeFeatures(ch, ctx));
      const [ratings, ratingsMs] = await timed(() => computeRatings(ch, ctx));
      return { cleaning, features, ratings, ms: { window: windowMs, clean: cleanMs, features: featuresMs, ratings: ratingsMs } };
    },
    options.memberWindowMaxRows,
  );
  const summary: FeatureStageSummary = {
    runId: p.runId,
    snapshotDate: p.snapshotDate,
    labelled: labels.labelled,
    churned: labels.churned,
    cleaning,
    featureRows: features.rows,
    ratings,
    stepMs: { labels: labelsMs, ...ms },
  };
  if (options.scoring ?? true) {
    const [scoring, scoringMs] = await timed(async () => computeScoringFeatures(ch, await resolveScoringContext(ch, p), { memberWindowMaxRows: options.memberWindowMaxRows }));
    summary.scoring = { snapshotDate: scoring.snapshotDate, rows: scoring.rows, bots: scoring.report.bots, members: scoring.report.members };
    summary.stepMs.scoring = scoringMs;
  }
  return summary;
}
