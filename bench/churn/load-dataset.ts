import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FeatureMatrix, Labels } from '../../learn/types';

/** Reads what generate.ts wrote; returns the full matrix, labels and the test rows. */
export function loadDataset(dir: string): { x: FeatureMatrix; y: Labels; test: Int32Array; train: Int32Array } {
  const meta = JSON.parse(readFileSync(path.join(dir, 'churn-meta.json'), 'utf8')) as { nRows: number; names: string[] };
  const raw = readFileSync(path.join(dir, 'churn-x.f64'));
  const all = new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const columns = meta.names.map((_, j) => all.slice(j * meta.nRows, (j + 1) * meta.nRows));
  const y = new Uint8Array(readFileSync(path.join(dir, 'churn-y.u8')));
  const testRaw = readFileSync(path.join(dir, 'churn-test.i32'));
  const test = new Int32Array(testRaw.buffer.slice(testRaw.byteOffset, testRaw.byteOffset + testRaw.byteLength));
  const isTest = new Uint8Array(meta.nRows);
  test.forEach((i) => (isTest[i] = 1));
  const train = Int32Array.from({ length: meta.nRows }, (_, i) => i).filter((i) => !isTest[i]);
  return { x: { nRows: meta.nRows, names: meta.names, columns }, y, test, train };
}
