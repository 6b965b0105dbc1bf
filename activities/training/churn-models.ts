import { GradientBoostingClassifier, LogisticRegression, RandomForestClassifier, type FeatureMatrix, type Labels, type ProbabilisticClassifier } from '../../learn';
import type { ChurnModelKind } from '../../messages/churn';
import type { ArtifactStore } from '../../artifacts/store';

/** A trained churn model and what the pipeline needs from it, whatever its kind. */
export interface TrainedChurnModel {
  model: ProbabilisticClassifier;
  /** The model's own importance per feature: impurity or gain for trees, |standardised coefficient| for LR. */
  importances: Float64Array;
  /** Sign of each feature's effect where the model knows it (LR coefficients), else undefined. */
  directions?: Float64Array;
  toJSON(): unknown;
}

type Params = Record<string, number | string>;

/** Trains one model of the given kind on at most `threads` threads (the activity's share of the machine's budget). */
export async function trainChurnModelOf(kind: ChurnModelKind, params: Params, seed: number, x: FeatureMatrix, y: Labels, threads: number): Promise<TrainedChurnModel> {
  switch (kind) {
    case 'logistic_regression': {
      const lr = new LogisticRegression({ C: Number(params.C ?? 1) });
      lr.train(x, y);
      const w = lr.standardisedCoefficients().weights;
      return { model: lr, importances: w.map(Math.abs), directions: w, toJSON: () => lr.toJSON() };
    }
    case 'random_forest': {
      const rf = new RandomForestClassifier({ ...(params as object), seed, threads });
      await rf.train(x, y);
      return { model: rf, importances: rf.featureImportances(), toJSON: () => rf.toJSON() };
    }
    case 'gradient_boosting': {
      const gbt = new GradientBoostingClassifier({ ...(params as object), seed, threads });
      gbt.train(x, y);
      return { model: gbt, importances: gbt.featureImportances(), toJSON: () => gbt.toJSON() };
    }
  }
}

/** Restores a saved model of the given kind. */
export function loadChurnModel(kind: ChurnModelKind, json: unknown): ProbabilisticClassifier {
  switch (kind) {
    case 'logistic_regression':
      return LogisticRegression.load(json as never);
    case 'random_forest':
      return RandomForestClassifier.load(json as never);
    case 'gradient_boosting':
      return GradientBoostingClassifier.load(json as never);
  }
}

/** A model file written by trainChurnModel, restored, with the feature columns it was trained on. */
export async function readSavedChurnModel(store: ArtifactStore, key: string, kind: ChurnModelKind): Promise<{ model: ProbabilisticClassifier; features: string[] }> {
  const saved = JSON.parse((await store.get(key)).toString('utf8')) as { features: string[]; model: unknown };
  return { model: loadChurnModel(kind, saved.model), features: saved.features };
}
