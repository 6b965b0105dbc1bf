import fs from 'node:fs';
import { readTrainingMatrix } from '../artifacts/training-matrix';
import { readAsOfDates } from '../clickhouse/report/as-of';
import { readChampionRunId } from '../clickhouse/report/champion';
import { readCleaning, readIngestDays, readLabels, readProbabilityBins, readRejectReasons } from '../clickhouse/report/report-queries';
import type { Rows } from '../clickhouse/report/rows';
import { readRunSummaries, type RunSummaryRow } from '../clickhouse/report/run-summaries';
import type { PipelineResult } from '../messages/pipeline';
import { churnGridKey, StoredChurnGrid, StoredChurnModel } from '../messages/report';
import { populationStabilityIndex } from '../report/psi';
import type { FeatureDrift, ReportData, RunHeadline } from '../report/report-data';
import { headlineOf } from '../report/sections/history-sections';
import { artifactPath } from './deps';

/** Runs the trend chart shows. */
const TREND_RUNS = 10;

function readJson<T>(file: string, schema: { parse(v: unknown): T }): T {
  try {
    return schema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Error(`${file} is not what the training step writes (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); re-run the run's churn branch (musicbox run --only churn --run-id …) to write it again`);
  }
}

/** Every model the run's training step stored, in the order the run lists them (else by name). */
function readModels(artifactsDir: string, runId: string, result: PipelineResult | undefined): StoredChurnModel[] {
  const dir = artifactPath(artifactsDir, `${runId}/models`);
  if (!fs.existsSync(dir)) return [];
  const order = result?.churn?.models.map((m) => m.name) ?? [];
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.result.json')).map((f) => f.slice(0, -'.result.json'.length));
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((n) => readJson(`${dir}/${n}.result.json`, StoredChurnModel));
}

function readGrid(artifactsDir: string, runId: string): StoredChurnGrid | undefined {
  const file = artifactPath(artifactsDir, churnGridKey(runId));
  return fs.existsSync(file) ? readJson(file, StoredChurnGrid) : undefined;
}

/** PSI of each feature between the exported training matrix and the scoring snapshot's export. */
function readDrift(artifactsDir: string, result: PipelineResult | undefined): FeatureDrift[] {
  const training = result?.artifacts.trainingMatrix;
  const scoring = result?.artifacts.scoringMatrix;
  if (!training || !scoring) return [];
  const files = [artifactPath(artifactsDir, training), artifactPath(artifactsDir, scoring)];
  if (!files.every((f) => fs.existsSync(f))) return [];
  const [t, s] = files.map(readTrainingMatrix);
  return t.names.flatMap((name, j) => {
    const k = s.names.indexOf(name);
    return k < 0 ? [] : [{ feature: name, psi: populationStabilityIndex(t.columns[j], s.columns[k]) }];
  });
}

function headlineOfRow(row: RunSummaryRow, asOf: Map<string, string>): RunHeadline {
  const date = asOf.get(row.runId) ?? row.snapshotDate;
  if (row.result) return headlineOf(row.result, date);
  return { runId: row.runId, asOf: date, bestModel: row.bestModel, bestTestAuc: row.bestTestAuc, blendNdcg: row.blendNdcg, scored: null, atRisk: null, churnRate: null };
}

/** Reads everything a run's report shows from ClickHouse (through `rows`) and the run's artifacts. */
export async function loadReportData(rows: Rows, artifactsDir: string, runId: string, now = new Date()): Promise<ReportData> {
  const [own] = await readRunSummaries(rows, { runIds: [runId], limit: 1 });
  const result = own?.result;
  const earlier = own ? await readRunSummaries(rows, { before: runId, limit: TREND_RUNS - 1 }) : [];
  const championId = await readChampionRunId(rows);
  const [champion] = championId && championId !== runId ? await readRunSummaries(rows, { runIds: [championId], limit: 1 }) : [];
  const compared = [...(own ? [own] : []), ...earlier, ...(champion ? [champion] : [])];
  const asOf = await readAsOfDates(rows, [...new Set(compared.map((r) => r.runId))]);
  const comparison: ReportData['comparison'] = [];
  if (own) comparison.push({ role: championId === runId ? 'this run (champion)' : 'this run', headline: headlineOfRow(own, asOf) });
  const previous = earlier[0];
  if (previous) comparison.push({ role: previous.runId === championId ? 'previous run (champion)' : 'previous run', headline: headlineOfRow(previous, asOf) });
  if (champion && champion.runId !== previous?.runId) comparison.push({ role: 'champion', headline: headlineOfRow(champion, asOf) });
  const cleaning = await readCleaning(rows, runId);
  return {
    runId,
    generatedAt: now.toISOString().replace('T', ' ').slice(0, 19) + ' UTC',
    result,
    ingest: await readIngestDays(rows, runId),
    rejectReasons: await readRejectReasons(rows, runId),
    cleaning,
    labels: cleaning ? await readLabels(rows, runId) : undefined,
    models: readModels(artifactsDir, runId, result),
    grid: readGrid(artifactsDir, runId),
    probabilities: await readProbabilityBins(rows, runId),
    comparison,
    trend: [...(own ? [own] : []), ...earlier].reverse().map((r) => headlineOfRow(r, asOf)),
    drift: readDrift(artifactsDir, result),
  };
}
