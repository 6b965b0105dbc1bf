import type { ClickHouseClient } from '@clickhouse/client';
import { PipelineResult } from '../../messages/pipeline';
import type { Rows } from './rows';

const TABLE = 'run_summaries';

/** The headline numbers of a finished run, as `musicbox runs` and the report compare them. */
export interface RunSummaryRow {
  runId: string;
  finishedAt: string;
  snapshotDate: string;
  bestModel: string;
  bestTestAuc: number | null;
  blendNdcg: number | null;
  /** The whole pipeline result; undefined when it no longer parses under today's schema. */
  result?: PipelineResult;
}

/** Records a finished run's summary. The table keeps the newest row per run id, so a retry replaces. */
export async function recordRunSummary(ch: ClickHouseClient, result: PipelineResult): Promise<void> {
  const best = result.churn?.models.find((m) => m.name === result.churn?.best);
  const blend = result.recommendations?.models.find((m) => m.name === 'blend');
  await ch.insert({
    table: TABLE,
    format: 'JSONEachRow',
    values: [
      {
        run_id: result.runId,
        snapshot_date: result.features.snapshotDate,
        best_model: result.churn?.best ?? '',
        best_test_auc: best?.testAuc ?? null,
        blend_ndcg: blend?.ranking.ndcg ?? null,
        result: JSON.stringify(result),
      },
    ],
  });
}

interface Raw {
  run_id: string;
  finished: string;
  snapshot: string;
  best_model: string;
  best_test_auc: number | null;
  blend_ndcg: number | null;
  result: string;
}

function toRow(r: Raw): RunSummaryRow {
  let result: PipelineResult | undefined;
  try {
    const parsed = PipelineResult.safeParse(JSON.parse(r.result));
    result = parsed.success ? parsed.data : undefined;
  } catch {
    result = undefined;
  }
  return { runId: r.run_id, finishedAt: r.finished, snapshotDate: r.snapshot, bestModel: r.best_model, bestTestAuc: r.best_test_auc, blendNdcg: r.blend_ndcg, result };
}

/** Finished runs, newest first; `before` keeps those that finished before a given run. */
export async function readRunSummaries(rows: Rows, options: { limit?: number; before?: string; runIds?: string[] } = {}): Promise<RunSummaryRow[]> {
  const where: string[] = [];
  if (options.before) where.push(`finished_at < (SELECT max(finished_at) FROM ${TABLE} WHERE run_id = {before:String})`);
  if (options.runIds) where.push('run_id IN {run_ids:Array(String)}');
  const found = await rows<Raw>(
    `SELECT run_id, toString(finished_at) AS finished, toString(snapshot_date) AS snapshot, best_model, best_test_auc, blend_ndcg, result
              FROM ${TABLE} FINAL ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
              ORDER BY finished_at DESC, run_id DESC LIMIT {limit:UInt32}`,
    { limit: options.limit ?? 1000, before: options.before ?? '', run_ids: options.runIds ?? [] },
  );
  return found.map(toRow);
}
