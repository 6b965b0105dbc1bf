// Seed-scale benchmark of the feature stage on embedded chDB.
// Run: node --import tsx bench/features/run.ts [events=12000000] [users=60000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openClickHouse } from '../../clickhouse';
import { resolveSettings } from '../../config/settings';
import {
  cleanPlays, computeFeatures, computeLabels, computeRatings, computeScoringFeatures, exportRatings,
  exportTrainingMatrix, resolveScoringContext, trainingContextOf,
} from '../../clickhouse/features';
import { readRatings } from '../../artifacts/ratings';
import { LocalFolderStore } from '../../artifacts/store';
import { readTrainingMatrix } from '../../artifacts/training-matrix';
import { fillSyntheticEvents } from './synthetic-events';

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 12_000_000);
  const users = Number(process.argv[3] ?? 60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-bench-features-'));
  const ch = await openClickHouse(resolveSettings({ MUSICBOX_HOME: dir }));
  const ms: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await fn();
    ms[name] = Math.round(performance.now() - t0);
    console.log(`${name.padEnd(10)} ${String(ms[name]).padStart(7)} ms`);
    return v;
  };
  try {
    await migrate(ch);
    await time('fill', () => fillSyntheticEvents(ch, { users, events, startDate: '2017-03-30', days: 44, seed: 1 }));
    const p = await trainingContextOf(ch, { runId: 'bench' });
    const labels = await time('labels', () => computeLabels(ch, p));
    const report = await time('clean', () => cleanPlays(ch, p));
    const features = await time('features', () => computeFeatures(ch, p));
    const ratings = await time('ratings', () => computeRatings(ch, p));
    const scoring = await time('scoring', async () => computeScoringFeatures(ch, await resolveScoringContext(ch, p.params)));
    const store = new LocalFolderStore(dir);
    await time('export_x', () => exportTrainingMatrix(ch, 'bench', store, 'bench/train.arrow'));
    await time('export_r', () => exportRatings(ch, 'bench', store, 'bench/ratings.arrow'));
    const m = await time('read_x', () => readTrainingMatrix(store, 'bench/train.arrow'));
    const r = await time('read_r', () => readRatings(store, 'bench/ratings.arrow'));
    const steps = ['labels', 'clean', 'features', 'ratings', 'scoring', 'export_x', 'export_r'];
    console.log(`total      ${String(steps.reduce((a, s) => a + ms[s], 0)).padStart(7)} ms (steps + exports, fill excluded)`);
    console.log(JSON.stringify({ events, users, labelled: labels.labelled, churned: labels.churned, bots: report.bots,
      keptPlays: report.keptPlays, featureRows: features.rows, ratings: ratings.rows, scoringRows: scoring.rows,
      matrix: [m.uids.length, m.columns.length], ratingTriples: r.uid.length }));
  } finally {
    await ch.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
