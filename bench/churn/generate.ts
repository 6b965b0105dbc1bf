import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stratifiedTrainTestSplit } from '../../learn/split';
import { churnDataset } from './synthetic';

/**
 * Writes the benchmark dataset for both sides: features as float64 column-major,
 * labels as uint8 and the test rows as int32, so Python and Node read identical
 * numbers and the same 80/20 split.
 */
const outDir = process.argv[2] ?? path.join(__dirname, '..', 'out', 'churn');
const nRows = Number(process.argv[3] ?? 60000);
mkdirSync(outDir, { recursive: true });
const { x, y } = churnDataset(nRows, 2024);
const { test } = stratifiedTrainTestSplit(y, { testFraction: 0.2, seed: 7 });
const features = new Float64Array(x.nRows * x.columns.length);
x.columns.forEach((column, j) => features.set(column, j * x.nRows));
writeFileSync(path.join(outDir, 'churn-x.f64'), Buffer.from(features.buffer));
writeFileSync(path.join(outDir, 'churn-y.u8'), Buffer.from(y.buffer));
writeFileSync(path.join(outDir, 'churn-test.i32'), Buffer.from(test.buffer));
writeFileSync(path.join(outDir, 'churn-meta.json'), JSON.stringify({ nRows: x.nRows, names: x.names }));
const rate = y.reduce((a, b) => a + b, 0) / y.length;
console.log(`wrote ${x.nRows} rows × ${x.columns.length} features to ${outDir} (churn rate ${rate.toFixed(3)}, test rows ${test.length})`);
