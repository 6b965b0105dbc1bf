import { tableFromIPC, type Table } from 'apache-arrow';
import type { ArtifactStore } from './store';

/** A training matrix in columns: row i is uids[i], columns[j][i] for names[j], labels[i]. */
export interface TrainingMatrix {
  uids: Float64Array;
  /** Feature names, in column order (uid and label excluded). */
  names: string[];
  columns: Float64Array[];
  labels: Uint8Array;
}

/** Reads an Arrow IPC export written by exportTrainingMatrix from the store into typed arrays. */
export async function readTrainingMatrix(store: ArtifactStore, key: string): Promise<TrainingMatrix> {
  return trainingMatrixOf(await store.get(key), key);
}

/** The typed arrays of an Arrow IPC training matrix (no per-row objects); `file` names it in errors. */
export function trainingMatrixOf(bytes: Uint8Array, file: string): TrainingMatrix {
  const table = tableFromIPC(bytes);
  const names = table.schema.fields.map((f) => f.name).filter((n) => n !== 'uid' && n !== 'label');
  return {
    uids: float64Column(table, 'uid', file),
    names,
    columns: names.map((n) => float64Column(table, n, file)),
    labels: uint8Column(table, 'label', file),
  };
}

/** The column as one contiguous Float64Array (copied only when it is not already Float64). */
export function float64Column(table: Table, name: string, file: string): Float64Array {
  const values = columnValues(table, name, file);
  return values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
}

function uint8Column(table: Table, name: string, file: string): Uint8Array {
  const values = columnValues(table, name, file);
  return values instanceof Uint8Array ? values : Uint8Array.from(values as ArrayLike<number>);
}

function columnValues(table: Table, name: string, file: string): unknown {
  const column = table.getChild(name);
  if (!column) throw new Error(`${file}: no column '${name}'; was it written by exportTrainingMatrix/exportRatings?`);
  if (column.nullCount > 0) throw new Error(`${file}: column '${name}' has ${column.nullCount} nulls; expected none`);
  return column.toArray();
}
