/**
 * The feature stage and its exports on real ingested logs, step by step, several times:
 *   MUSICBOX_HOME=<state folder holding the ingested seed-scale logs> \
 *     node --import tsx bench/features/seed-logs.ts [repeats=3]
 * (e.g. after `MUSICBOX_HOME=/tmp/seed ./musicbox ingest bench/out/seed-logs`). Each repeat is a new
 * run id; prints milliseconds per step, the total of the training data (the stage's labels, member
 * window, cleaning, features and ratings as `stage`, then their three exports: what the training
 * queue waits for), the scoring
 * snapshot with its export (built while the models train), and both together. The runs' rows are
 * dropped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openClickHouse } from '../../clickhouse';
import {
  buildFeatures, clearRun, computeScoringFeatures, exportLabelPlays, exportRatings, exportScoringMatrix, exportTrainingMatrix, parseFeatureParams, resolveScoringContext, trainingContextOf,
} from '../../clickhouse/features';
import { LocalFolderStore } from '../../artifacts/store';
import { resolveSettings } from '../../config/settings';

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 3);
  const ch = await openClickHouse(resolveSettings());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-bench-features-'));
  const store = new LocalFolderStore(dir);
  const runIds: string[] = [];
  try {
    for (let rep = 0; rep < repeats; rep++) {
      const runId = `bench-features-${Date.now()}-${rep}`;
      runIds.push(runId);
      const p = { runId };
      const ms: Record<string, number> = {};
      const time = async (name: string, step: () => Promise<unknown>) => {
        const t0 = performance.now();
        await step();
        ms[name] = Math.round(performance.now() - t0);
      };
      // The training steps as the stage runs them (with its member window); their own times, plus
      // the summary reads around them.
      await time('stage', async () => Object.assign(ms, (await buildFeatures(ch, await trainingContextOf(ch, p), { scoring: false })).stepMs));
      await time('export_x', () => exportTrainingMatrix(ch, runId, store, `${runId}/x.arrows`));
      await time('export_r', () => exportRatings(ch, runId, store, `${runId}/r.arrows`));
      await time('export_lp', () => exportLabelPlays(ch, runId, store, `${runId}/lp.arrows`));
      const training = ms.stage + ms.export_x + ms.export_r + ms.export_lp;
      await time('scoring', async () => computeScoringFeatures(ch, await resolveScoringContext(ch, parseFeatureParams(p))));
      await time('export_s', () => exportScoringMatrix(ch, runId, store, `${runId}/s.arrows`));
      const scoring = ms.scoring + ms.export_s;
      console.log(`${JSON.stringify(ms)} training data ${training} ms, scoring snapshot ${scoring} ms, together ${training + scoring} ms`);
    }
  } finally {
    for (const runId of runIds) {
      await clearRun(ch, runId);
    }
    await ch.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
