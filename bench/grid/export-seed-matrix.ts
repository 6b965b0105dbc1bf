/**
 * Writes a run's training matrix (the Arrow export the training queue reads) from a state folder
 * that holds ingested logs, for the grid benchmark:
 *   MUSICBOX_HOME=<state folder> node --import tsx bench/grid/export-seed-matrix.ts <out.arrows>
 * (e.g. after `MUSICBOX_HOME=bench/out/home-seed ./musicbox ingest bench/out/seed-logs --direct`).
 * The run's rows are dropped again at the end; the export stays.
 */
import path from 'node:path';
import { LocalFolderStore } from '../../artifacts/store';
import { openClickHouse } from '../../clickhouse';
import { buildFeatures, clearRun, exportTrainingMatrix, trainingContextOf } from '../../clickhouse/features';
import { resolveSettings } from '../../config/settings';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: export-seed-matrix.ts <out.arrows>');
  const ch = await openClickHouse(resolveSettings());
  const runId = `bench-grid-${Date.now()}`;
  try {
    await buildFeatures(ch, await trainingContextOf(ch, { runId }), { scoring: false });
    // The store's key `<folder>/<file>` is the file `out` itself.
    const file = path.resolve(out);
    await exportTrainingMatrix(ch, runId, new LocalFolderStore(path.dirname(path.dirname(file))), `${path.basename(path.dirname(file))}/${path.basename(file)}`);
    console.log(`wrote ${out}`);
  } finally {
    await clearRun(ch, runId);
    await ch.close();
  }
}

void main();
