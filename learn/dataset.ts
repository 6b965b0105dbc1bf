import type { FeatureMatrix, Labels } from './types';

/** Thrown when a matrix and its labels disagree in shape; the message names the fix. */
export class DatasetShapeError extends Error {
  readonly type = 'DatasetShapeError';
  constructor(message: string) {
    super(message);
    this.name = 'DatasetShapeError';
  }
}

/** Checks column lengths, names and (optionally) label length and values. */
export function assertDataset(x: FeatureMatrix, labels?: Labels): void {
  if (x.columns.length !== x.names.length) {
    throw new DatasetShapeError(
      `feature matrix has ${x.columns.length} columns but ${x.names.length} names; pass one name per column`,
    );
  }
  x.columns.forEach((column, j) => {
    if (column.length !== x.nRows) {
      throw new DatasetShapeError(
        `column '${x.names[j]}' has ${column.length} values but nRows is ${x.nRows}; every column needs nRows values`,
      );
    }
  });
  if (labels === undefined) return;
  if (labels.length !== x.nRows) {
    throw new DatasetShapeError(`labels have length ${labels.length} but the matrix has ${x.nRows} rows`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 1) throw new DatasetShapeError(`label at row ${i} is ${labels[i]}; labels must be 0 or 1`);
  }
}

/** Checks that a matrix has the same features, in the same order, as a trained model. */
export function assertSameFeatures(x: FeatureMatrix, names: readonly string[]): void {
  if (x.names.length !== names.length || x.names.some((n, j) => n !== names[j])) {
    throw new DatasetShapeError(
      `model was trained on features [${names.join(', ')}] but got [${x.names.join(', ')}]; reorder or rebuild the matrix`,
    );
  }
}

/** Copies the given rows (in the given order) into a new matrix. */
export function takeRows(x: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const columns = x.columns.map((column) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]];
    return out;
  });
  return { nRows: rows.length, names: x.names.slice(), columns };
}

/** Copies the given rows of a label vector. */
export function takeLabels(labels: Labels, rows: ArrayLike<number>): Labels {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = labels[rows[i]];
  return out;
}
