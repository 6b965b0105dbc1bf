import { ArtifactNotFound, type ArtifactStore } from '../artifacts/store';
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

/** Runs the trend chart shows. */
const TREND_RUNS = 10;

async function readJson<T>(store: ArtifactStore, file: string, schema: { parse(v: unknown): T }): Promise<T> {
  try {
    return schema.parse(JSON.parse((await store.get(file)).toString('utf8')));
  } catch (err) {
    throw new Error(`${file} is not what the training step writes (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); re-run the run's churn branch (musicbox run --only churn --run-id …) to write it again`);
  }
}

/** Every model the run's training step stored, in the order the run lists them (else by name). */
async function readModels(store: ArtifactStore, runId: string, result: PipelineResult | undefined): Promise<StoredChurnModel[]> {
  const dir = `${runId}/models/`;
  const order = result?.churn?.models.map((m) => m.name) ?? [];
  const names = (await store.list(runId)).filter((k) => k.startsWith(dir) && k.endsWith('.result.json')).map((k) => k.slice(dir.length, -'.result.json'.length));
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Promise.all(names.map((n) => readJson(store, `${dir}${n}.result.json`, StoredChurnModel)));
}

async function readGrid(store: ArtifactStore, runId: string): Promise<StoredChurnGrid | undefined> {
  const key = churnGridKey(runId);
  return (await store.version(key)) === undefined ? undefined : readJson(store, key, StoredChurnGrid);
}

/** PSI of each feature between the exported training matrix and the scoring snapshot's export. */
async function readDrift(store: ArtifactStore, result: PipelineResult | undefined): Promise<FeatureDrift[]> {
  const training = result?.artifacts.trainingMatrix;
  const scoring = result?.artifacts.scoringMatrix;
  if (!training || !scoring) return [];
  let t, s;
  try {
    [t, s] = await Promise.all([readTrainingMatrix(store, training), readTrainingMatrix(store, scoring)]);
  } catch (err) {
    if (err instanceof ArtifactNotFound) return [];
    throw err;
  }
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
export async function loadReportData(rows: Rows, store: ArtifactStore, runId: string, now = new Date()): Promise<ReportData> {
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
    models: await readModels(store, runId, result),
    grid: await readGrid(store, runId),
    probabilities: await readProbabilityBins(rows, runId),
    comparison,
    trend: [...(own ? [own] : []), ...earlier].reverse().map((r) => headlineOfRow(r, asOf)),
    drift: await readDrift(store, result),
  };
}
