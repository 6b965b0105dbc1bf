/**
 * The training data of the feature stage (labels, cleaning, features, ratings and the three exports
 * the training queue reads) against DuckDB doing the same on the same events, in one go:
 *   MUSICBOX_HOME=<state folder with the seed-scale logs ingested> bash bench/features/vs-duckdb.sh [rounds=3]
 * The peer (bench/features/peer_duckdb.py) is written from docs/FEATURES.md, not from our SQL, so the
 * run also checks that both give the same labels, cleaning thresholds, kept plays, ratings and
 * feature column sums on every round, and the same rows in the last round's three exports.
 *
 * The events go to DuckDB once (Parquet, then its own table; not timed). Each round runs each side
 * in a fresh process, in alternating order; a side's time is its stage and exports, from inside the
 * process (no start-up, no engine opening). Prints the per-round times and the median ratio.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LocalFolderStore } from '../../artifacts/store';
import { openClickHouse } from '../../clickhouse';
import { exportQuery } from '../../clickhouse/export';
import {
  buildFeatures, clearRun, exportLabelPlays, exportRatings, exportTrainingMatrix, FEATURE_COLUMNS, FeatureTables, trainingContextOf,
} from '../../clickhouse/features';
import { resolveSettings } from '../../config/settings';
import { PROJECT_ROOT } from '../../temporal/binary';

const OUT = path.join(PROJECT_ROOT, 'bench', 'out', 'features');
const PYTHON = path.join(PROJECT_ROOT, 'bench', '.venv', 'bin', 'python');
const PEER = path.join(PROJECT_ROOT, 'bench', 'features', 'peer_duckdb.py');

interface Check {
  labelled: number;
  churned: number;
  l99: number;
  mean_len: number;
  t99: number;
  mean_play: number;
  kept_plays: number;
  rating_rows: number;
  rating_sum: number;
  feature_sums: Record<string, number>;
}
interface SideResult {
  ms: Record<string, number>;
  total: number;
  check: Check;
}

/** Our side, in this process: the stage as the pipeline runs it (no scoring snapshot), then the exports. */
async function ours(): Promise<void> {
  const ch = await openClickHouse(resolveSettings());
  const runId = `bench-vs-duckdb-${Date.now()}`;
  try {
    const t0 = performance.now();
    const s = await buildFeatures(ch, await trainingContextOf(ch, { runId }), { scoring: false });
    const t1 = performance.now();
    // The store's key `features/<name>` is the file OUT/<name>, where the peer reads it.
    const store = new LocalFolderStore(path.dirname(OUT));
    await exportTrainingMatrix(ch, runId, store, 'features/ours-training-matrix.arrows');
    await exportRatings(ch, runId, store, 'features/ours-ratings.arrows');
    await exportLabelPlays(ch, runId, store, 'features/ours-label-plays.arrows');
    const t2 = performance.now();
    const sums = FEATURE_COLUMNS.map((c) => `toFloat64(sum(${c})) AS ${c}`).join(', ');
    const [fs_] = await (await ch.query({ query: `SELECT ${sums} FROM ${FeatureTables.features} WHERE run_id = {r:String}`, query_params: { r: runId }, format: 'JSONEachRow' })).json<Record<string, number>>();
    const [r] = await (await ch.query({ query: `SELECT toFloat64(sum(rating)) AS s FROM ${FeatureTables.ratings} WHERE run_id = {r:String}`, query_params: { r: runId }, format: 'JSONEachRow' })).json<{ s: number }>();
    const c = s.cleaning;
    const result: SideResult = {
      ms: { ...s.stepMs, stage: Math.round(t1 - t0), exports: Math.round(t2 - t1) },
      total: Math.round(t2 - t0),
      check: {
        labelled: s.labelled, churned: s.churned, l99: c.l99, mean_len: c.meanLen, t99: c.t99, mean_play: c.meanPlay, kept_plays: c.keptPlays,
        rating_rows: s.ratings.rows, rating_sum: r.s, feature_sums: fs_,
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    await clearRun(ch, runId);
    await ch.close();
  }
}

function side(which: 'ours' | 'peer', end: string): SideResult {
  const out = which === 'ours'
    ? execFileSync(process.execPath, ['--import', 'tsx', __filename, '--ours'], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 })
    : execFileSync(PYTHON, [PEER, 'run', path.join(OUT, 'peer.duckdb'), OUT, end], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as SideResult;
}

/** Names of the checked numbers that differ (relative 1e-9 for the float sums). */
function differences(a: Check, b: Check): string[] {
  const close = (x: number, y: number) => x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  const out: string[] = [];
  for (const k of ['labelled', 'churned', 'l99', 'mean_len', 't99', 'mean_play', 'kept_plays', 'rating_rows', 'rating_sum'] as const) {
    if (!close(Number(a[k]), Number(b[k]))) out.push(`${k}: ${a[k]} vs ${b[k]}`);
  }
  for (const c of FEATURE_COLUMNS) if (!close(Number(a.feature_sums[c]), Number(b.feature_sums[c]))) out.push(`sum(${c}): ${a.feature_sums[c]} vs ${b.feature_sums[c]}`);
  return out;
}

async function main(): Promise<void> {
  if (process.argv.includes('--ours')) return ours();
  const rounds = Number(process.argv[2] ?? 3);
  fs.mkdirSync(OUT, { recursive: true });
  // The events, once, into DuckDB's own table (the columns the spec reads).
  const ch = await openClickHouse(resolveSettings());
  // The snapshot our side derives from the ingested dates, handed to the peer.
  const { snapshotDate } = (await trainingContextOf(ch, { runId: 'x' })).params;
  const parquet = path.join(OUT, 'events.parquet');
  await exportQuery(
    ch,
    'SELECT date, uid, toString(event) AS event, toString(device) AS device, song_id, play_time, song_length FROM events',
    parquet,
    { format: 'Parquet' },
  );
  await ch.close();
  fs.rmSync(path.join(OUT, 'peer.duckdb'), { force: true });
  console.log(`peer loaded: ${execFileSync(PYTHON, [PEER, 'load', path.join(OUT, 'peer.duckdb'), parquet], { encoding: 'utf8' }).trim()}`);
  console.log(`host: load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);

  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: ('ours' | 'peer')[] = round % 2 === 0 ? ['peer', 'ours'] : ['ours', 'peer'];
    const r: Partial<Record<'ours' | 'peer', SideResult>> = {};
    for (const which of order) r[which] = side(which, snapshotDate);
    const diff = differences(r.ours!.check, r.peer!.check);
    if (diff.length > 0) throw new Error(`ours and DuckDB disagree:\n  ${diff.join('\n  ')}`);
    ratios.push(r.ours!.total / r.peer!.total);
    console.log(`round ${round + 1} (${order.join(' then ')}): ours ${r.ours!.total} ms ${JSON.stringify(r.ours!.ms)}; DuckDB ${r.peer!.total} ms ${JSON.stringify(r.peer!.ms)}; ratio ${(r.ours!.total / r.peer!.total).toFixed(2)}`);
  }
  ratios.sort((a, b) => a - b);
  console.log(`same labels, thresholds, kept plays, ratings and feature sums on every round; median ratio ours/DuckDB ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}`);
  console.log(await compareExports());
}

/**
 * The last round's exports of both sides, row by row: rows of one file missing from the other (as
 * multisets, every value as Float64), for the training matrix, the ratings and the label-window plays.
 */
async function compareExports(): Promise<string> {
  const ch = await openClickHouse(resolveSettings());
  try {
    const file = (name: string, format: string) => `file('${path.join(OUT, name)}', ${format})`;
    const columns = ['uid', ...FEATURE_COLUMNS, 'label'];
    const pairs: [string, string[], string, string][] = [
      ['training matrix', columns, 'ours-training-matrix.arrows', 'peer-training-matrix.parquet'],
      ['ratings', ['uid', 'song_id', 'rating'], 'ours-ratings.arrows', 'peer-ratings.parquet'],
      ['label-window plays', ['uid', 'song_id'], 'ours-label-plays.arrows', 'peer-label-plays.parquet'],
    ];
    const lines: string[] = [];
    for (const [what, cols, oursFile, peerFile] of pairs) {
      const select = (f: string) => `SELECT ${cols.map((c) => `toFloat64(${c}) AS ${c}`).join(', ')} FROM ${f}`;
      const ours = select(file(oursFile, 'ArrowStream'));
      const peer = select(file(peerFile, 'Parquet'));
      const [r] = await (await ch.query({
        query: `SELECT (SELECT count() FROM (${ours})) AS ours, (SELECT count() FROM (${peer})) AS peer,
                       (SELECT count() FROM (${ours} EXCEPT ALL ${peer})) AS only_ours,
                       (SELECT count() FROM (${peer} EXCEPT ALL ${ours})) AS only_peer`,
        format: 'JSONEachRow',
      })).json<{ ours: string; peer: string; only_ours: string; only_peer: string }>();
      lines.push(`${what}: ${r.ours} rows ours, ${r.peer} DuckDB; ${r.only_ours} only ours, ${r.only_peer} only DuckDB`);
      if (r.only_ours !== '0' || r.only_peer !== '0') process.exitCode = 1;
    }
    return `exports compared row by row:\n  ${lines.join('\n  ')}`;
  } finally {
    await ch.close();
  }
}

void main();
