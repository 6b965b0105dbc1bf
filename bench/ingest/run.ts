/**
 * Ingest benchmark at seed scale: musicbox's ingest (every line parsed, repaired or rejected, and
 * accounted for per file) against ClickHouse reading the same files itself with file() into a typed
 * MergeTree table (TSV, dirty rows skipped): the floor for any ingest on this engine.
 *   node --import tsx bench/ingest/run.ts [logs-dir] [--rounds N] [--batch-files N]
 * (logs-dir defaults to bench/out/seed-logs, generated if missing; 3 rounds by default.)
 *
 * Each side runs in a fresh process on a fresh data directory, and the order alternates from round
 * to round, so neither side profits from a warmed allocator or page cache the other paid for. Wall
 * time and the process's CPU time are both reported: on a shared host the CPU time is the steadier.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFolder } from '../../clickhouse/ingest/ingest-folder';
import { migrate, openClickHouse, type ClickHouseClient } from '../../clickhouse';
import { resolveSettings } from '../../config/settings';
import { generateLogs } from '../../generator';

const PEER_COLUMNS: Record<string, string> = {
  play: 'uid UInt64, device String, song_id Nullable(Int64), song_type String, song_name String, singer String, play_time Nullable(Float64), song_length Nullable(Float64), paid_flag String',
  down: 'uid UInt64, device String, song_id Nullable(Int64), song_name String, singer String, paid_flag String',
  search: 'uid UInt64, device String, time_stamp String, search_query String',
};

type Side = 'peer' | 'ours';

interface Measure {
  side: Side;
  rows: number;
  wallS: number;
  cpuS: number;
  detail: string;
}

async function peer(ch: ClickHouseClient, dir: string): Promise<{ rows: number; detail: string }> {
  let rows = 0;
  for (const [kind, columns] of Object.entries(PEER_COLUMNS)) {
    await ch.command({ query: `CREATE TABLE peer_${kind} (${columns}) ENGINE = MergeTree ORDER BY uid` });
    await ch.command({
      query: `INSERT INTO peer_${kind} SELECT * FROM file({glob:String}, 'TSV', {columns:String})
              SETTINGS input_format_allow_errors_ratio = 1, input_format_allow_errors_num = 1000000000`,
      query_params: { glob: path.join(dir, `*_${kind}.log`), columns },
    });
    const [r] = await (await ch.query({ query: `SELECT count() AS n FROM peer_${kind}`, format: 'JSONEachRow' })).json<{ n: string }>();
    rows += Number(r.n);
  }
  return { rows, detail: 'dirty rows skipped' };
}

async function ours(ch: ClickHouseClient, dir: string, tmpDir: string, batchFiles?: number): Promise<{ rows: number; detail: string }> {
  const s = await ingestFolder(ch, dir, { via: 'path', tmpDir, batchFiles });
  if (s.problemFiles > 0) throw new Error(`${s.problemFiles} files failed: ${JSON.stringify(s.outcomes.filter((o) => o.message))}`);
  return { rows: s.loaded, detail: `${s.lines} lines, ${s.repaired} repaired, ${s.rejected} rejected` };
}

/** One side, measured in this process on a fresh data directory; prints its Measure as JSON. */
async function measureOne(side: Side, dir: string, batchFiles?: number): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `musicbox-bench-ingest-${side}-`));
  try {
    const ch = await openClickHouse(resolveSettings({ MUSICBOX_HOME: home }));
    await migrate(ch);
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const { rows, detail } = side === 'peer' ? await peer(ch, dir) : await ours(ch, dir, path.join(home, 'tmp'), batchFiles);
    const cpu = process.cpuUsage(c0);
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    let again = '';
    if (side === 'ours') {
      const t1 = process.hrtime.bigint();
      const s = await ingestFolder(ch, dir, { via: 'path', tmpDir: path.join(home, 'tmp') });
      again = `; re-ingest of the unchanged folder: ${s.unchangedFiles} files skipped in ${fmt(Number(process.hrtime.bigint() - t1) / 1e9)} s`;
    }
    await ch.close();
    const measure: Measure = { side, rows, wallS, cpuS: (cpu.user + cpu.system) / 1e6, detail: detail + again };
    console.log(JSON.stringify(measure));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function runSide(side: Side, dir: string, batchFiles?: number): Measure {
  const args = ['--import', 'tsx', __filename, '--measure', side, dir, ...(batchFiles ? ['--batch-files', String(batchFiles)] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Measure;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => x.toFixed(2);

function option(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const batchFiles = option(args, '--batch-files');
  const measured = args.indexOf('--measure');
  if (measured >= 0) return measureOne(args[measured + 1] as Side, args[measured + 2], batchFiles);

  const dir = path.resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'bench/out/seed-logs');
  const rounds = option(args, '--rounds') ?? 3;
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    console.log(`generating seed-scale logs into ${dir}…`);
    await generateLogs({ outDir: dir, users: 60000, days: 44, seed: 42 });
  }
  console.log(`load before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const pairs: { peer: Measure; ours: Measure }[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['peer', 'ours'] : ['ours', 'peer'];
    const got = Object.fromEntries(order.map((side) => [side, runSide(side, dir, batchFiles)])) as { peer: Measure; ours: Measure };
    pairs.push(got);
    console.log(
      `round ${round + 1} (${order.join(' first, ')} second): peer ${fmt(got.peer.wallS)} s wall ${fmt(got.peer.cpuS)} s CPU; ` +
        `ours ${fmt(got.ours.wallS)} s wall ${fmt(got.ours.cpuS)} s CPU; ratio ${fmt(got.ours.wallS / got.peer.wallS)} wall ${fmt(got.ours.cpuS / got.peer.cpuS)} CPU`,
    );
  }
  const last = pairs[pairs.length - 1];
  console.log(`peer  file() TSV into MergeTree: ${last.peer.rows} rows (${last.peer.detail})`);
  console.log(`ours  ingest (path): ${last.ours.rows} rows (${last.ours.detail})`);
  const peerWall = median(pairs.map((p) => p.peer.wallS));
  const oursWall = median(pairs.map((p) => p.ours.wallS));
  console.log(`median of ${rounds}: peer ${fmt(peerWall)} s (${Math.round(last.peer.rows / peerWall)} rows/s), ours ${fmt(oursWall)} s (${Math.round(last.ours.rows / oursWall)} rows/s)`);
  console.log(`median ratio ours / peer: ${fmt(median(pairs.map((p) => p.ours.wallS / p.peer.wallS)))} wall, ${fmt(median(pairs.map((p) => p.ours.cpuS / p.peer.cpuS)))} CPU`);
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
