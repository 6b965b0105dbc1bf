import { formatCount, formatPercent, formatScore } from '../../format/numbers';
import type { PipelineResult } from '../../messages/pipeline';
import type { FeatureDrift, ReportData, RunHeadline } from '../report-data';
import { chart, note, type Section, type TableBlock } from '../section';

/** The numbers a run is compared on, from its result. */
export function headlineOf(result: PipelineResult, asOf: string): RunHeadline {
  const c = result.churn;
  const best = c?.models.find((m) => m.name === c.best);
  const f = result.features;
  return {
    runId: result.runId,
    asOf,
    bestModel: c?.best ?? '',
    bestTestAuc: best?.testAuc ?? null,
    blendNdcg: result.recommendations?.models.find((m) => m.name === 'blend')?.ranking.ndcg ?? null,
    scored: c?.scored ?? null,
    atRisk: c?.atRisk ?? null,
    churnRate: f.labelled ? f.churned / f.labelled : null,
  };
}

const HEADLINE_ROWS: { label: string; cell: (h: RunHeadline) => string; value: (h: RunHeadline) => number | null }[] = [
  { label: 'as of', cell: (h) => h.asOf, value: () => null },
  { label: 'best churn model', cell: (h) => h.bestModel || '–', value: () => null },
  { label: 'best test AUC', cell: (h) => formatScore(h.bestTestAuc), value: (h) => h.bestTestAuc },
  { label: 'blend NDCG@10', cell: (h) => formatScore(h.blendNdcg), value: (h) => h.blendNdcg },
  { label: 'churn rate (labels)', cell: (h) => formatPercent(h.churnRate), value: (h) => h.churnRate },
  { label: 'users scored', cell: (h) => formatCount(h.scored), value: (h) => h.scored },
  { label: 'users at risk', cell: (h) => formatCount(h.atRisk), value: (h) => h.atRisk },
];

/** The headline table: one column per compared run, this run first. */
export function headlineTable(comparison: ReportData['comparison']): TableBlock {
  return {
    kind: 'table',
    id: 'headline',
    caption: 'The same numbers for this run, the run before it and the champion (the run whose scores are published).',
    headers: ['', ...comparison.map((c) => `${c.role}: ${c.headline.runId}`)],
    rows: HEADLINE_ROWS.map((r) => ({ cells: [r.label, ...comparison.map((c) => r.cell(c.headline))], values: [null, ...comparison.map((c) => r.value(c.headline))] })),
  };
}

/** One row per run and metric, in run order, for the trend chart. */
export function trendChartRows(trend: RunHeadline[]): { run: string; order: number; metric: string; value: number }[] {
  return trend.flatMap((h, order) => [
    ...(h.bestTestAuc === null ? [] : [{ run: `${h.asOf} ${h.runId}`, order, metric: 'best test AUC', value: h.bestTestAuc }]),
    ...(h.blendNdcg === null ? [] : [{ run: `${h.asOf} ${h.runId}`, order, metric: 'blend NDCG@10', value: h.blendNdcg }]),
  ]);
}

export function historySection(data: ReportData): Section {
  const rows = trendChartRows(data.trend);
  return {
    id: 'history',
    title: 'Against earlier runs',
    intro: 'Before trusting a run, compare it with the last one and with the champion it may replace.',
    blocks: [
      data.comparison.length === 0 ? note('This run has no stored result to compare.') : headlineTable(data.comparison),
      rows.length === 0
        ? note('No finished run has headline numbers yet.')
        : chart('trend', `Headline numbers over the last ${data.trend.length} finished runs`, 'A drop from one run to the next is worth a look before the new model is trusted; a slow slide says the population is drifting away from what the models learnt.', {
            data: { values: rows },
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'run', type: 'ordinal', sort: { field: 'order' }, title: 'run (as of, id)', axis: { labelAngle: -30, labelLimit: 400 } },
              y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false }, axis: { format: '.3f' } },
              color: { field: 'metric', type: 'nominal', title: null },
              row: { field: 'metric', type: 'nominal', title: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } },
            },
            resolve: { scale: { y: 'independent' } },
            width: 520,
            height: 120,
          }),
    ],
  };
}

/** Band a PSI falls in, by the usual rule of thumb. */
export function driftBand(psi: number): string {
  return psi < 0.1 ? 'stable (< 0.1)' : psi < 0.25 ? 'moved (0.1–0.25)' : 'shifted (≥ 0.25)';
}

export function driftSection(drift: FeatureDrift[], trainingDate: string | undefined, scoringDate: string | undefined): Section {
  const sorted = [...drift].filter((d) => Number.isFinite(d.psi)).sort((a, b) => b.psi - a.psi || a.feature.localeCompare(b.feature));
  const shifted = sorted.filter((d) => d.psi >= 0.25).length;
  return {
    id: 'drift',
    title: 'Drift between training and scoring',
    intro: `How far each feature's distribution at the scoring snapshot${scoringDate ? ` (${scoringDate})` : ''} moved from the training window's${trainingDate ? ` (${trainingDate})` : ''}: the population stability index over the training deciles.`,
    blocks: [
      sorted.length === 0
        ? note('This run has no scoring snapshot to compare with its training window.')
        : chart('drift', 'Population stability index per feature, largest movers first', `${shifted} of ${sorted.length} features shifted (PSI ≥ 0.25). Scores resting on shifted features describe a population the model did not see; some shift is expected, since the scoring window is later by design.`, {
            data: { values: sorted.map((d) => ({ ...d, band: driftBand(d.psi) })) },
            mark: { type: 'bar' },
            encoding: {
              y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
              x: { field: 'psi', type: 'quantitative', title: 'population stability index' },
              color: { field: 'band', type: 'nominal', title: null, scale: { domain: ['stable (< 0.1)', 'moved (0.1–0.25)', 'shifted (≥ 0.25)'], range: ['#27ae60', '#f5b041', '#c0392b'] } },
            },
            width: 480,
          }),
    ],
  };
}
