import path from 'node:path';
import { classificationReport, effectDirections, permutationImportance, rocCurve, runGridUnit, runSharedForestUnit, summariseGrid, topFeatures, type ClassificationReport, type GridUnitResult as LearnGridUnitResult } from '../../learn';
import { AT_RISK_PROBABILITY, GridForestInput, GridUnitInput, ScoreUsersInput, TrainChurnModelInput, type GridForestResult, type GridUnitResult, type ScoreUsersResult, type TrainChurnModelResult } from '../../messages/churn';
import { readTrainingMatrix } from '../../artifacts/training-matrix';
import { artifactKey, type TrainingDeps } from '../deps';
import { churnGridKey, churnModelResultKey } from '../../messages/report';
import { loadChurnData, foldsOf } from './churn-data';
import { readSavedChurnModel, trainChurnModelOf } from './churn-models';
import { keepAlive } from '../heartbeat';

const report = (r: ClassificationReport) => ({ auc: r.auc, accuracy: r.accuracy, precision: r.precision, recall: r.recall, f1: r.f1, logLoss: r.logLoss, positives: r.positives, rows: r.n });

/** Keeps a plot's worth of ROC points: at most `max`, always the first and last. */
function thin(values: ArrayLike<number>, max = 101): number[] {
  if (values.length <= max) return Array.from(values);
  return Array.from({ length: max }, (_, i) => values[Math.round((i * (values.length - 1)) / (max - 1))]);
}

export function createChurnActivities({ store, threads }: TrainingDeps) {
  /** Trains one model on the 80 % split, evaluates it on both sides, ranks features, saves the model. */
  async function trainChurnModel(raw: TrainChurnModelInput): Promise<TrainChurnModelResult> {
    const input = TrainChurnModelInput.parse(raw);
    const started = Date.now();
    const data = await loadChurnData(store, input.trainingMatrix, input.seed, input.testFraction);
    // Forests train on worker threads, so the heartbeat timer keeps firing while they grow.
    const trained = await keepAlive(() => trainChurnModelOf(input.kind, input.params, input.seed, data.train.x, data.train.y, threads));
    const trainProbs = trained.model.predictProba(data.train.x);
    const testProbs = trained.model.predictProba(data.test.x);
    const roc = rocCurve(data.test.y, testProbs);
    const directions = trained.directions ?? effectDirections(data.test.x, testProbs);
    const perm = permutationImportance(trained.model, data.test.x, data.test.y, { repeats: 3, seed: input.seed });
    const artifact = artifactKey(input.runId, `models/${input.name}.json`);
    await store.put(artifact, Buffer.from(JSON.stringify({ kind: input.kind, params: input.params, features: data.names, model: trained.toJSON() })));
    const strip = (f: { name: string; importance: number; direction: number }) => ({ name: f.name, importance: f.importance, direction: f.direction });
    const result: TrainChurnModelResult = {
      name: input.name,
      kind: input.kind,
      params: input.params,
      train: report(classificationReport(data.train.y, trainProbs)),
      test: report(classificationReport(data.test.y, testProbs)),
      roc: { fpr: thin(roc.fpr), tpr: thin(roc.tpr) },
      importance: topFeatures(trained.importances, data.names, 10, directions).map(strip),
      permutation: topFeatures(perm.mean, data.names, 10, directions).map(strip),
      artifact,
      seconds: (Date.now() - started) / 1000,
    };
    // The ROC points and rankings outlive the workflow's history: the run's report reads them from here.
    await store.put(churnModelResultKey(input.runId, input.name), Buffer.from(JSON.stringify(result)));
    return result;
  }

  /** One (cell, fold) of the grid search: AUC on probabilities of the held-out fold of the training split. */
  async function runChurnGridUnit(raw: GridUnitInput): Promise<GridUnitResult> {
    const input = GridUnitInput.parse(raw);
    const data = await loadChurnData(store, input.trainingMatrix, input.seed, input.testFraction);
    // On one thread the forest yields between trees, so the timer's heartbeat comes within a tree's time.
    const r = await keepAlive(() => runGridUnit(data.train.x, data.train.y, { cellIndex: input.cellIndex, cell: input.cell, fold: input.fold }, foldsOf(data, input.folds, input.seed), { seed: input.seed, threads }));
    return { cellIndex: r.cellIndex, fold: r.fold, auc: Number.isNaN(r.auc) ? null : r.auc };
  }

  /**
   * Several cells of the grid on one fold from one shared forest (see runSharedForestUnit): the
   * AUCs each cell's own forest would give, at the cost of the group's largest forest alone.
   */
  async function runChurnGridForest(raw: GridForestInput): Promise<GridForestResult> {
    const input = GridForestInput.parse(raw);
    const data = await loadChurnData(store, input.trainingMatrix, input.seed, input.testFraction);
    const folds = foldsOf(data, input.folds, input.seed);
    // Forests train on worker threads, so the heartbeat timer keeps firing while they grow.
    const results = await keepAlive(() => runSharedForestUnit(data.train.x, data.train.y, input.cells, input.fold, folds, { seed: input.seed, threads }));
    return { fold: input.fold, scores: results.map((r) => ({ cellIndex: r.cellIndex, auc: Number.isNaN(r.auc) ? null : r.auc })) };
  }

  /** Mean and spread of each cell's fold AUCs, and the best cell. */
  async function summariseChurnGrid(raw: { runId?: string; cells: GridUnitInput['cell'][]; results: GridUnitResult[] }) {
    const results: LearnGridUnitResult[] = raw.results.map((r) => ({ cellIndex: r.cellIndex, fold: r.fold, cell: raw.cells[r.cellIndex], auc: r.auc ?? Number.NaN }));
    const s = summariseGrid(results);
    if (!s.best) throw new Error('no grid cell has a defined AUC: every fold holds one class only; add data or lower the number of folds');
    const summary = { cells: s.cells.map((c) => ({ cellIndex: c.cellIndex, meanAuc: c.meanAuc, stdAuc: c.stdAuc })), best: { ...s.best.cell, meanAuc: s.best.meanAuc, stdAuc: s.best.stdAuc } };
    // Every cell with its parameters, for the run's report (older histories pass no run id).
    if (raw.runId) await store.put(churnGridKey(raw.runId), Buffer.from(JSON.stringify({ cells: s.cells.map((c) => ({ ...raw.cells[c.cellIndex], meanAuc: c.meanAuc, stdAuc: c.stdAuc })) })));
    return summary;
  }

  /** Scores every user of the scoring snapshot with a saved model: probability and rank, as TSV for publishing. */
  async function scoreUsers(raw: ScoreUsersInput): Promise<ScoreUsersResult> {
    const input = ScoreUsersInput.parse(raw);
    const saved = await readSavedChurnModel(store, input.model, input.kind);
    const model = saved.model;
    const m = await readTrainingMatrix(store, input.scoringMatrix);
    if (m.names.join() !== saved.features.join()) throw new Error(`scoring matrix columns differ from the model's features (${input.model})`);
    const probs = model.predictProba({ nRows: m.uids.length, names: m.names, columns: m.columns });
    const modelName = path.basename(input.model, '.json');
    const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a] || m.uids[a] - m.uids[b]);
    const lines: string[] = new Array(order.length);
    let atRisk = 0;
    let sum = 0;
    order.forEach((row, rank) => {
      lines[rank] = `${input.runId}\t${m.uids[row]}\t${probs[row]}\t${rank + 1}\t${modelName}`;
      if (probs[row] >= AT_RISK_PROBABILITY) atRisk++;
      sum += probs[row];
    });
    const scores = artifactKey(input.runId, 'churn-scores.tsv');
    await store.put(scores, Buffer.from(lines.length ? `${lines.join('\n')}\n` : ''));
    return { users: order.length, scores, meanProbability: order.length ? sum / order.length : 0, atRisk };
  }

  return { trainChurnModel, runChurnGridUnit, runChurnGridForest, summariseChurnGrid, scoreUsers };
}
