import { formatCount, formatScore, formatShare } from '../../format/numbers';
import type { RecsysSummary } from '../../messages/recsys';
import { chart, type Section } from '../section';

const METRICS = [
  ['precision', 'precision@10'],
  ['recall', 'recall@10'],
  ['ndcg', 'NDCG@10'],
  ['hitRate', 'hit rate@10'],
  ['coverage', 'coverage'],
] as const;

/** One row per recommender and metric; a metric no user could be judged on is left out. */
export function recsysChartRows(r: RecsysSummary): { model: string; metric: string; value: number }[] {
  return r.models.flatMap((m) => METRICS.flatMap(([key, label]) => (m.ranking[key] === null ? [] : [{ model: m.name, metric: label, value: m.ranking[key] as number }])));
}

/** The top-10 overlap as a full square: both orders of each pair, and 1 on the diagonal. */
export function overlapChartRows(r: RecsysSummary): { a: string; b: string; top10: number }[] {
  const names = [...new Set(r.overlap.flatMap((o) => [o.a, o.b]))];
  return [...names.map((n) => ({ a: n, b: n, top10: 1 })), ...r.overlap.flatMap((o) => [{ a: o.a, b: o.b, top10: o.top10 }, { a: o.b, b: o.a, top10: o.top10 }])];
}

export function recsysSection(r: RecsysSummary): Section {
  const models = r.models.map((m) => m.name);
  return {
    id: 'recommendations',
    title: 'Recommendations',
    intro: `Each recommender is judged on the songs users newly play in the label window. ${formatCount(r.rows)} recommendations published for ${formatCount(r.users)} users.`,
    blocks: [
      chart('recsys', 'Ranking quality at 10, per recommender and the blend', 'Taller is better in every panel; the blend should beat each model it mixes on NDCG, and coverage says how much of the catalogue reaches anyone.', {
        data: { values: recsysChartRows(r) },
        mark: { type: 'bar' },
        encoding: {
          column: { field: 'metric', type: 'nominal', title: null, sort: METRICS.map(([, l]) => l) },
          x: { field: 'model', type: 'nominal', sort: models, title: null, axis: { labelAngle: -45 } },
          y: { field: 'value', type: 'quantitative', title: null },
          color: { field: 'model', type: 'nominal', sort: models, legend: null },
        },
        resolve: { scale: { y: 'independent' } },
        width: 110,
        height: 160,
      }),
      {
        kind: 'table',
        id: 'recsys-metrics',
        headers: ['recommender', 'users judged', ...METRICS.map(([, l]) => l)],
        rows: r.models.map((m) => ({
          cells: [m.name, formatCount(m.ranking.users), ...METRICS.map(([k]) => formatScore(m.ranking[k]))],
          values: [null, m.ranking.users, ...METRICS.map(([k]) => m.ranking[k])],
          emphasis: m.name === 'blend',
        })),
      },
      chart('overlap', 'Top-10 overlap between recommenders', 'The share of a user\'s top 10 two models agree on, averaged over users: models that overlap little have more to add to a blend.', {
        data: { values: overlapChartRows(r) },
        encoding: {
          x: { field: 'a', type: 'nominal', title: null, sort: models },
          y: { field: 'b', type: 'nominal', title: null, sort: models },
        },
        layer: [
          { mark: { type: 'rect' }, encoding: { color: { field: 'top10', type: 'quantitative', title: 'overlap', scale: { domain: [0, 1], scheme: 'greens' } } } },
          { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'top10', type: 'quantitative', format: '.2f' }, color: { value: 'black' } } },
        ],
        width: 260,
        height: 260,
      }),
      chart('cold-start', 'Users with and without a rating history', `${formatCount(r.coldStartUsers)} of ${formatCount(r.users)} users (${formatShare(r.coldStartUsers, r.users)}) are cold-start: too few rated songs for the collaborative models, so they get popular songs only.`, {
        data: { values: [{ group: 'cold-start (popularity only)', users: r.coldStartUsers }, { group: 'personalised', users: r.users - r.coldStartUsers }] },
        mark: { type: 'arc', innerRadius: 50 },
        encoding: { theta: { field: 'users', type: 'quantitative' }, color: { field: 'group', type: 'nominal', title: null, scale: { domain: ['personalised', 'cold-start (popularity only)'], range: ['#2e86c1', '#f5b041'] } } },
        width: 200,
        height: 200,
      }),
    ],
  };
}
