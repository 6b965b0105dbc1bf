import { z } from 'zod';
import { TrainChurnModelResult } from './churn';

/** Artifact keys of what a run keeps for its report, beside its models. */
export const churnModelResultKey = (runId: string, model: string) => `${runId}/models/${model}.result.json`;
export const churnGridKey = (runId: string) => `${runId}/models/grid.json`;
export const reportKey = (runId: string) => `${runId}/report.html`;

/** A trained model as the report reads it back: the training activity's whole result. */
export const StoredChurnModel = TrainChurnModelResult;
export type StoredChurnModel = z.infer<typeof StoredChurnModel>;

/** Every grid cell with its parameters and cross-validated AUC (null when no fold held both classes). */
export const StoredChurnGrid = z.object({
  cells: z.array(
    z.object({
      nTrees: z.number().int(),
      maxDepth: z.number().int(),
      minSamplesLeaf: z.number().int(),
      maxFeatures: z.union([z.string(), z.number()]),
      meanAuc: z.number().nullable(),
      stdAuc: z.number().nullable(),
    }),
  ),
});
export type StoredChurnGrid = z.infer<typeof StoredChurnGrid>;

export const WriteRunReportResult = z.object({
  /** Artifact key of the HTML file. */
  report: z.string(),
  /** Where the file is on the machine that wrote it. */
  path: z.string(),
  charts: z.number().int(),
});
export type WriteRunReportResult = z.infer<typeof WriteRunReportResult>;
