import type { PipelineResult } from '../messages/pipeline';
import type { StoredChurnGrid, StoredChurnModel } from '../messages/report';

/** Width of the churn-probability histogram's bins: 1/20 = 0.05. */
export const PROBABILITY_BINS = 20;

export interface IngestDay {
  date: string;
  kind: string;
  /** Rows written to events, repaired ones included. */
  loaded: number;
  repaired: number;
  rejected: number;
}

export interface RejectReason {
  reason: string;
  lines: number;
}

export interface CleaningCounts {
  windowStart: string;
  snapshotDate: string;
  /** Last day of the label window. */
  rangeEnd: string;
  thresholds: { l99: number; meanLen: number; t99: number; meanPlay: number; botThreshold: number };
  users: number;
  bots: number;
  members: number;
  droppedNullLength: number;
  replacedLength: number;
  droppedLongLength: number;
  replacedPlayTime: number;
  droppedLongPlayTime: number;
  keptPlays: number;
}

export interface LabelCounts {
  members: number;
  churners: number;
}

export interface ProbabilityBin {
  from: number;
  to: number;
  users: number;
}

/** Population stability index of one feature between the training window and the scoring snapshot. */
export interface FeatureDrift {
  feature: string;
  psi: number;
}

/** Headline numbers of a run, as compared across runs. */
export interface RunHeadline {
  runId: string;
  asOf: string;
  bestModel: string;
  bestTestAuc: number | null;
  blendNdcg: number | null;
  scored: number | null;
  atRisk: number | null;
  churnRate: number | null;
}

/** Everything one report shows, read from ClickHouse and the run's artifacts; no I/O past this point. */
export interface ReportData {
  runId: string;
  /** ISO time the report was written. */
  generatedAt: string;
  /** The run's own result; undefined for a run that did not finish (the report then shows what its tables hold). */
  result?: PipelineResult;
  ingest: IngestDay[];
  rejectReasons: RejectReason[];
  cleaning?: CleaningCounts;
  labels?: LabelCounts;
  /** Every trained model's stored result, in training order. */
  models: StoredChurnModel[];
  grid?: StoredChurnGrid;
  probabilities: ProbabilityBin[];
  /** This run, the run before it and the champion (when they differ from this run), oldest last. */
  comparison: { role: string; headline: RunHeadline }[];
  /** The last finished runs, oldest first, this one included. */
  trend: RunHeadline[];
  drift: FeatureDrift[];
}
