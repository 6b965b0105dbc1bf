/**
 * Ingest benchmark at seed scale: musicbox's ingest (every line parsed, repaired or rejected, and
 * swapped in atomically) against ClickHouse reading the same files itself with file() into a typed
 * MergeTree table (TSV, dirty rows skipped): the floor for any ingest on this engine.
 *   node --import tsx bench/ingest/run.ts [logs-dir]      (default bench/out/seed-logs; generated if missing)
 */
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

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - t0) / 1e9];
}

async function peer(ch: ClickHouseClient, dir: string): Promise<number> {
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
  return rows;
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'bench/out/seed-logs');
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    console.log(`generating seed-scale logs into ${dir}…`);
    await generateLogs({ outDir: dir, users: 60000, days: 44, seed: 42 });
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-bench-ingest-'));
  const ch = await openClickHouse(resolveSettings({ MUSICBOX_HOME: home }));
  await migrate(ch);
  console.log(`load before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const [peerRows, peerS] = await timed(() => peer(ch, dir));
  const [summary, oursS] = await timed(() => ingestFolder(ch, dir, { via: 'path', tmpDir: path.join(home, 'tmp') }));
  const [again, againS] = await timed(() => ingestFolder(ch, dir, { via: 'path', tmpDir: path.join(home, 'tmp') }));
  console.log(`peer  file() TSV into MergeTree: ${peerRows} rows in ${peerS.toFixed(2)} s (${Math.round(peerRows / peerS)} rows/s)`);
  console.log(`ours  ingest (path):             ${summary.loaded} rows (${summary.lines} lines, ${summary.repaired} repaired, ${summary.rejected} rejected) in ${oursS.toFixed(2)} s (${Math.round(summary.loaded / oursS)} rows/s)`);
  console.log(`ratio ours / peer: ${(oursS / peerS).toFixed(2)}`);
  console.log(`re-ingest of the unchanged folder: ${again.unchangedFiles} files skipped in ${againS.toFixed(2)} s`);
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await ch.close();
  fs.rmSync(home, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
