/**
 * Fault matrix: the pipeline on small generated logs, once clean and once per (process kind,
 * stage) with every process of that kind SIGKILLed while the stage runs, under the supervised
 * local stack (which restarts what died). Every run's result tables are compared with the clean
 * run's by row count and a sum of row hashes (run id and timestamps left out); then two
 * `musicbox ingest` of one folder, and a third through a linked path to it, run at once through
 * the stack, and their events and rejects are compared with the clean run's.
 *   node --import tsx bench/faults/matrix.ts [--users N] [--only KIND]
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openClickHouse } from '../../clickhouse';
import { resolveSettings } from '../../config/settings';
import { generateLogs } from '../../generator';
import type { PipelineInput } from '../../messages/pipeline';
import { PROJECT_ROOT } from '../../temporal/binary';
import { differences, fingerprint } from './fingerprint';
import { runScenario, withFreshStack, type ProcessKind, type Stage } from './scenario';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const users = Number(option('--users') ?? 600);
const only = option('--only');

async function main(): Promise<void> {
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-faults-logs-'));
  await generateLogs({ outDir: logs, users, days: 44, seed: 3 });
  const input: PipelineInput & { runId: string } = {
    runId: 'faults',
    asOf: 'latest',
    logsDir: logs,
    features: { minRatedSongs: 6 },
    churn: { grid: [{ nTrees: 10, maxDepth: 6, minSamplesLeaf: 5, maxFeatures: 'sqrt' }, { nTrees: 10, maxDepth: 3, minSamplesLeaf: 5, maxFeatures: 'sqrt' }], folds: 3 },
  };
  const clean = await runScenario(input);
  console.log(`clean run: ${clean.wallS.toFixed(0)} s, ${clean.fingerprints.map((f) => `${f.table} ${f.rows}`).join(', ')}`);
  console.log('| process killed (SIGKILL) | while | run ended | kill → end s | result tables vs clean run | the stack said |');
  console.log('|---|---|---|---:|---|---|');
  const kinds: ProcessKind[] = ['sql worker', 'training worker', 'Temporal server'];
  const stages: Stage[] = ['ingest', 'features', 'training'];
  for (const kind of kinds.filter((k) => !only || k.startsWith(only))) {
    for (const stage of stages) {
      const o = await runScenario(input, { kind, stage });
      const diff = differences(clean.fingerprints, o.fingerprints);
      const said = o.said.map((l) => l.replace(/\s+/g, ' ')).join('; ') || '—';
      console.log(`| ${kind} | ${stage} | ${o.missed ? 'stage over before the kill' : 'yes'} | ${o.afterKillS?.toFixed(0) ?? '—'} | ${diff.length ? `**differ**: ${diff.join('; ')}` : `identical (${o.fingerprints.length} tables)`} | ${said} |`);
    }
  }
  await concurrentIngests(logs, clean.fingerprints);
}

/** Two ingests of the folder and one of a link to it, at once, through a running stack. */
async function concurrentIngests(logs: string, cleanPrints: Awaited<ReturnType<typeof fingerprint>>): Promise<void> {
  const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-faults-link-')), 'logs');
  fs.symlinkSync(logs, link);
  let home = '';
  const said = await withFreshStack(async (_stack, settings) => {
    home = settings.home;
    const cli = (dir: string) =>
      promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'ingest', dir], { env: { ...process.env, MUSICBOX_HOME: settings.home } }).then(
        (r) => r.stdout,
        (e: { stdout?: string; code?: number }) => `exit ${e.code}: ${e.stdout ?? ''}`,
      );
    return Promise.all([cli(logs), cli(logs), cli(link)]);
  });
  const ch = await openClickHouse(resolveSettings({ ...process.env, MUSICBOX_HOME: home }));
  try {
    const prints = await fingerprint(ch, ['events', 'rejects']);
    const diff = differences(cleanPrints.filter((f) => f.table === 'events' || f.table === 'rejects'), prints);
    console.log(`\nthree ingests at once (two of the folder, one of a link to it): events and rejects ${diff.length ? `**differ**: ${diff.join('; ')}` : 'identical to the clean run'}`);
    for (const out of said) console.log(`  ${out.split('\n').filter((l) => /already running|^ingest:|waited/.test(l)).join(' / ')}`);
  } finally {
    await ch.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
