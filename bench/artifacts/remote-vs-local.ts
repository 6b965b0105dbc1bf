/**
 * The cost of keeping artifacts in ClickHouse (training workers on other machines) against the
 * local folder (one machine), on one run's exports, in the same process and the same go:
 *   MUSICBOX_HOME=<state folder holding ingested logs> node --import tsx bench/artifacts/remote-vs-local.ts [repeats=5]
 * (e.g. after `./musicbox generate -o /tmp/logs -u 20000` and `MUSICBOX_HOME=/tmp/b ./musicbox ingest /tmp/logs --direct`).
 * The feature stage runs once; then, alternately, each path writes the four exports (the SQL
 * worker's side) and reads them back into typed arrays (a training worker's side): the local
 * path through files the embedded engine writes itself, the remote one by recording each export's
 * query in ClickHouse and running it over the HTTP interface with a token when it is read, as a
 * worker on another machine does.
 * Prints milliseconds per repeat and the median ratio remote/local.
 */
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { labelPlaysOf } from '../../artifacts/label-plays';
import { ratingsOf } from '../../artifacts/ratings';
import { ClickHouseStore, LocalFolderStore, type ArtifactStore } from '../../artifacts/store';
import { trainingMatrixOf } from '../../artifacts/training-matrix';
import { migrate, openClickHouse } from '../../clickhouse';
import { buildFeatures, clearRun, exportLabelPlays, exportRatings, exportScoringMatrix, exportTrainingMatrix, parseFeatureParams, resolveTrainingContext } from '../../clickhouse/features';
import { serveEngineOverHttp } from '../../clickhouse/http/engine-http-server';
import { resolveSettings } from '../../config/settings';

const EXPORTS = [
  { name: 'training-matrix.arrows', write: exportTrainingMatrix, read: trainingMatrixOf },
  { name: 'scoring-matrix.arrows', write: exportScoringMatrix, read: trainingMatrixOf },
  { name: 'ratings.arrows', write: exportRatings, read: ratingsOf },
  { name: 'label-plays.arrows', write: exportLabelPlays, read: labelPlaysOf },
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 5);
  const ch = await openClickHouse(resolveSettings());
  await migrate(ch);
  const runId = `bench-artifacts-${Date.now()}`;
  const token = 'bench-token';
  const server = await serveEngineOverHttp(ch, { token });
  const remote = createClient({ url: server.url, password: token, log: { level: ClickHouseLogLevel.OFF } });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-bench-artifacts-'));
  const paths: Record<string, { writer: ArtifactStore; reader: ArtifactStore }> = {
    local: { writer: new LocalFolderStore(folder), reader: new LocalFolderStore(folder) },
    remote: { writer: new ClickHouseStore(ch, 'embedded'), reader: new ClickHouseStore(remote, server.url) },
  };
  try {
    const stage = await buildFeatures(ch, await resolveTrainingContext(ch, parseFeatureParams({ runId })), { scoring: true });
    console.log(`run ${runId}: ${stage.labelled} labelled users, ${stage.ratings.rows} ratings`);
    const times: Record<string, { write: number[]; read: number[] }> = { local: { write: [], read: [] }, remote: { write: [], read: [] } };
    let bytes = 0;
    for (let rep = 0; rep < repeats; rep++) {
      // Alternate which path goes first, so neither always meets a warmer cache.
      for (const name of rep % 2 === 0 ? ['local', 'remote'] : ['remote', 'local']) {
        const { writer, reader } = paths[name];
        let t0 = performance.now();
        let written = 0;
        // Each repeat writes new keys, as each run does: a run writes each of its keys once.
        for (const e of EXPORTS) written += await e.write(ch, runId, writer, `${runId}-${rep}/${e.name}`);
        if (name === 'local') bytes = written; // the remote path writes no bytes, only queries
        times[name].write.push(performance.now() - t0);
        t0 = performance.now();
        for (const e of EXPORTS) e.read(await reader.get(`${runId}-${rep}/${e.name}`), e.name);
        times[name].read.push(performance.now() - t0);
      }
      const row = (n: string) => `${n} write ${times[n].write[rep].toFixed(0)} ms, read ${times[n].read[rep].toFixed(0)} ms`;
      console.log(`repeat ${rep + 1}: ${row('local')}; ${row('remote')}`);
    }
    const total = (n: string) => times[n].write.map((w, i) => w + times[n].read[i]);
    console.log(`exports: ${(bytes / 1e6).toFixed(1)} MB`);
    for (const n of ['local', 'remote']) console.log(`${n}: median write ${median(times[n].write).toFixed(0)} ms, read ${median(times[n].read).toFixed(0)} ms, total ${median(total(n)).toFixed(0)} ms`);
    const ratios = total('remote').map((r, i) => r / total('local')[i]);
    console.log(`remote/local, write + read: median ${median(ratios).toFixed(2)} (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
    console.log(`remote/local, read alone: median ${median(times.remote.read.map((r, i) => r / times.local.read[i])).toFixed(2)}`);
  } finally {
    for (let rep = 0; rep < repeats; rep++) await paths.remote.writer.deleteRun(`${runId}-${rep}`);
    await clearRun(ch, runId);
    fs.rmSync(folder, { recursive: true, force: true });
    await remote.close();
    await server.close();
    await ch.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
