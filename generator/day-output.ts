import type { FileCounts, LogKind } from './manifest';

/** One day's output of one kind: UTF-8 chunks in file order and their line counts. */
export interface DayOutput {
  chunks: Buffer[];
  counts: FileCounts;
}

export type DayResult = Record<LogKind, DayOutput>;
