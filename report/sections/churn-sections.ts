import { formatCount, formatMeasure, formatScore, formatSeconds, formatShare } from '../../format/numbers';
import { AT_RISK_PROBABILITY } from '../../messages/churn';
import type { StoredChurnGrid, StoredChurnModel } from '../../messages/report';
import type { ProbabilityBin } from '../report-data';
import { chart, note, type Section } from '../section';

/** ROC points of every model, one series per model, named with its test AUC so the legend ranks them. */
export function rocChartRows(models: StoredChurnModel[]): { model: string; fpr: number; tpr: number; order: number }[] {
  return models.flatMap((m) => m.roc.fpr.map((fpr, i) => ({ model: `${m.name} (AUC ${formatScore(m.test.auc)})`, fpr, tpr: m.roc.tpr[i], order: i })));
}

/** Grid cells with a label of mean ± spread; cells without a defined AUC are left out. */
export function gridChartRows(grid: StoredChurnGrid): { nTrees: number; maxDepth: number; minSamplesLeaf: number; meanAuc: number; stdAuc: number; label: string }[] {
  return grid.cells.flatMap((c) =>
    c.meanAuc === null ? [] : [{ nTrees: c.nTrees, maxDepth: c.maxDepth, minSamplesLeaf: c.minSamplesLeaf, meanAuc: c.meanAuc, stdAuc: c.stdAuc ?? 0, label: `${formatScore(c.meanAuc)} ± ${formatScore(c.stdAuc ?? 0)}` }],
  );
}

const directionName = (d: number) => (d > 0 ? 'raises churn' : d < 0 ? 'lowers churn' : 'no clear direction');

/** The best model's top features under both measures, each scaled to its own largest importance. */
export function importanceChartRows(model: StoredChurnModel): { feature: string; measure: string; importance: number; direction: string }[] {
  const scaled = (list: StoredChurnModel['importance'], measure: string) => {
    const top = Math.max(...list.map((f) => f.importance), 0);
    return list.map((f) => ({ feature: f.name, measure, importance: top > 0 ? f.importance / top : 0, direction: directionName(f.direction) }));
  };
  return [...scaled(model.importance, "model's own (impurity, gain or |coefficient|)"), ...scaled(model.permutation, 'permutation (test AUC drop)')];
}

/** Users per probability bin, marked at risk from the threshold on. */
export function probabilityChartRows(bins: ProbabilityBin[]): { from: number; to: number; users: number; group: string }[] {
  return bins.map((b) => ({ ...b, group: b.from >= AT_RISK_PROBABILITY ? 'at risk' : 'not at risk' }));
}

export function churnSection(models: StoredChurnModel[], grid: StoredChurnGrid | undefined, bins: ProbabilityBin[], bestName: string | undefined): Section {
  const best = models.find((m) => m.name === bestName) ?? models.reduce<StoredChurnModel | undefined>((a, m) => (!a || m.test.auc > a.test.auc ? m : a), undefined);
  const scored = bins.reduce((s, b) => s + b.users, 0);
  const atRisk = bins.filter((b) => b.from >= AT_RISK_PROBABILITY).reduce((s, b) => s + b.users, 0);
  const blocks: Section['blocks'] = [];
  if (models.length === 0) blocks.push(note('No churn model was trained in this run.'));
  else {
    blocks.push(
      chart('roc', 'ROC curves on the test split', 'The higher and further left a curve runs, the better its model ranks churners above staying members; the diagonal is guessing.', {
        layer: [
          { data: { values: [{ x: 0, y: 0, x2: 1, y2: 1 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#999' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, x2: { field: 'x2' }, y2: { field: 'y2' } } },
          {
            data: { values: rocChartRows(models) },
            mark: { type: 'line', interpolate: 'step-after' },
            encoding: {
              x: { field: 'fpr', type: 'quantitative', title: 'false positive rate', scale: { domain: [0, 1] } },
              y: { field: 'tpr', type: 'quantitative', title: 'true positive rate', scale: { domain: [0, 1] } },
              color: { field: 'model', type: 'nominal', title: 'model' },
              order: { field: 'order', type: 'quantitative' },
            },
          },
        ],
        width: 380,
        height: 380,
      }),
      {
        kind: 'table',
        id: 'churn-metrics',
        caption: 'Train against test: a model far better on train than on test has learnt its training users rather than churn. F1, precision and recall are at probability 0.5.',
        headers: ['model', 'train AUC', 'test AUC', 'accuracy', 'precision', 'recall', 'F1', 'log loss', 'training time'],
        rows: models.map((m) => ({
          cells: [m.name === best?.name ? `${m.name} (best)` : m.name, formatScore(m.train.auc), formatScore(m.test.auc), formatScore(m.test.accuracy), formatScore(m.test.precision), formatScore(m.test.recall), formatScore(m.test.f1), formatScore(m.test.logLoss), formatSeconds(m.seconds)],
          values: [null, m.train.auc, m.test.auc, m.test.accuracy, m.test.precision, m.test.recall, m.test.f1, m.test.logLoss, m.seconds],
          emphasis: m.name === best?.name,
        })),
      },
    );
  }
  const cells = grid ? gridChartRows(grid) : [];
  if (cells.length > 0) {
    blocks.push(
      chart('grid', 'Random-forest grid: mean cross-validated AUC', 'Darker is better; the ± is the spread over folds. A best cell on the edge of the grid suggests searching beyond it; neighbours within the spread of each other are as good.', {
        data: { values: cells },
        facet: { column: { field: 'nTrees', type: 'ordinal', title: 'trees' } },
        spec: {
          width: 300,
          height: 150,
          layer: [
            { mark: { type: 'rect' }, encoding: { x: { field: 'maxDepth', type: 'ordinal', title: 'max depth' }, y: { field: 'minSamplesLeaf', type: 'ordinal', title: 'min samples per leaf' }, color: { field: 'meanAuc', type: 'quantitative', title: 'mean CV AUC', scale: { scheme: 'blues' } } } },
            { mark: { type: 'text', fontSize: 9 }, encoding: { x: { field: 'maxDepth', type: 'ordinal' }, y: { field: 'minSamplesLeaf', type: 'ordinal' }, text: { field: 'label', type: 'nominal' }, color: { value: 'black' } } },
          ],
        },
      }),
    );
  }
  if (best) {
    blocks.push(
      chart('importance', `What drives the best model (${best.name})`, "Bars are each measure's top 10, scaled to its largest; the colour says whether a higher value of the feature raises or lowers the churn probability. Features high under both measures are the ones to trust.", {
        data: { values: importanceChartRows(best) },
        mark: { type: 'bar' },
        encoding: {
          row: { field: 'measure', type: 'nominal', title: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } },
          y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
          x: { field: 'importance', type: 'quantitative', title: 'importance (share of the largest)' },
          color: { field: 'direction', type: 'nominal', title: 'effect', scale: { domain: ['raises churn', 'lowers churn', 'no clear direction'], range: ['#c0392b', '#2e86c1', '#999'] } },
        },
        resolve: { scale: { y: 'independent' } },
        width: 420,
      }),
    );
  }
  if (scored > 0) {
    blocks.push(
      chart('probabilities', 'Churn probability of every scored user', `${formatCount(atRisk)} of ${formatCount(scored)} users (${formatShare(atRisk, scored)}) are at risk (probability ≥ ${formatMeasure(AT_RISK_PROBABILITY)}); a mass piled against 0 or 1 means the model is sure, a hump in the middle that it cannot tell.`, {
        data: { values: probabilityChartRows(bins) },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'from', type: 'quantitative', bin: { binned: true, step: bins[0].to - bins[0].from }, title: 'churn probability', scale: { domain: [0, 1] } },
          x2: { field: 'to' },
          y: { field: 'users', type: 'quantitative', title: 'users' },
          color: { field: 'group', type: 'nominal', title: null, scale: { domain: ['not at risk', 'at risk'], range: ['#2e86c1', '#c0392b'] } },
        },
        width: 520,
        height: 200,
      }),
    );
  }
  return {
    id: 'churn',
    title: 'Churn',
    intro: best ? `${models.length} models trained; the best by test AUC, ${best.name} (${formatScore(best.test.auc)}), scored the users.` : 'No churn model was trained in this run.',
    blocks,
  };
}
