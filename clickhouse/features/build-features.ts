import type { ClickHouseClient } from '@clickhouse/client';
import { cleanPlays, type CleaningReport } from './clean-plays';
import { computeFeatures, computeScoringFeatures } from './compute-features';
import { computeLabels } from './compute-labels';
import { computeRatings, type RatingsResult } from './compute-ratings';
import { parseFeatureParams, type FeatureParamsInput } from './params';
import { timed } from './run-step';

export interface BuildFeaturesOptions {
  /** Also build the scoring snapshot (end = latest ingested date). Default true. */
  scoring?: boolean;
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
  /** Milliseconds per step, in run order. */
  stepMs: { labels: number; clean: number; features: number; ratings: number; scoring?: number };
}

/**
 * Runs the whole stage for one run id: labels, cleaning, features, ratings, scoring snapshot.
 * Each step replaces its own output, so the function (or any step alone) can be retried.
 */
export async function buildFeatures(
  ch: ClickHouseClient,
  input: FeatureParamsInput,
  options: BuildFeaturesOptions = {},
): Promise<FeatureStageSummary> {
  const p = parseFeatureParams(input);
  const [labels, labelsMs] = await timed(() => computeLabels(ch, p));
  const [cleaning, cleanMs] = await timed(() => cleanPlays(ch, p));
  const [features, featuresMs] = await timed(() => computeFeatures(ch, p));
  const [ratings, ratingsMs] = await timed(() => computeRatings(ch, p));
  const summary: FeatureStageSummary = {
    runId: p.runId,
    snapshotDate: p.snapshotDate,
    labelled: labels.labelled,
    churned: labels.churned,
    cleaning,
    featureRows: features.rows,
    ratings,
    stepMs: { labels: labelsMs, clean: cleanMs, features: featuresMs, ratings: ratingsMs },
  };
  if (options.scoring ?? true) {
    const [scoring, scoringMs] = await timed(() => computeScoringFeatures(ch, p));
    summary.scoring = { snapshotDate: scoring.snapshotDate, rows: scoring.rows, bots: scoring.report.bots, members: scoring.report.members };
    summary.stepMs.scoring = scoringMs;
  }
  return summary;
}
