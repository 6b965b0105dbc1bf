/**
 * Disk full, for real: the state folder on a small tmpfs (mounting one needs root), an ingest that
 * runs out of space part way, then the same folder given room and ingested again. Checks that each
 * failed file's message says what is stored (looked up, not assumed), that what it says is true,
 * and that the second ingest leaves events and rejects identical to an ingest on a roomy disk.
 *   node --import tsx bench/faults/disk-full.ts [--users N] [--size-mb N]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFolder } from '../../clickhouse/ingest/ingest-folder';
import { migrate, openClickHouse } from '../../clickhouse';
import { resolveSettings } from '../../config/settings';
import { generateLogs } from '../../generator';
import { differences, fingerprint } from './fingerprint';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const users = Number(option('--users') ?? 20000);
const sizeMb = Number(option('--size-mb') ?? 16);

async function ingestInto(home: string, logs: string) {
  const ch = await openClickHouse(resolveSettings({ MUSICBOX_HOME: home }));
  try {
    await migrate(ch);
    const summary = await ingestFolder(ch, logs, { via: 'path', tmpDir: path.join(home, 'tmp'), batchFiles: 4 });
    const stored = new Map<string, number>();
    for (const o of summary.outcomes.filter((x) => x.status === 'failed' && x.fileKey)) {
      const [row] = await (await ch.query({ query: 'SELECT (SELECT count() FROM events WHERE file_key = {k:String}) + (SELECT count() FROM rejects WHERE file_key = {k:String}) AS n', query_params: { k: o.fileKey! }, format: 'JSONEachRow' })).json<{ n: string }>();
      stored.set(o.fileKey!, Number(row.n));
    }
    return { summary, stored, prints: await fingerprint(ch, ['events', 'rejects']) };
  } finally {
    await ch.close();
  }
}

async function main(): Promise<void> {
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-diskfull-logs-'));
  await generateLogs({ outDir: logs, users, days: 8, seed: 3 });
  const roomy = await ingestInto(fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-diskfull-roomy-')), logs);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-diskfull-home-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', home]);
  try {
    const full = await ingestInto(home, logs);
    const failed = full.summary.outcomes.filter((o) => o.status === 'failed');
    console.log(`on a ${sizeMb} MiB tmpfs: ${full.summary.loadedFiles} of ${full.summary.files} files loaded, ${failed.length} failed`);
    for (const o of failed) {
      const says = /nothing of .* is stored/.test(o.message ?? '') ? 'nothing stored' : /partly stored/.test(o.message ?? '') ? 'partly stored' : 'may be partly stored';
      const rows = full.stored.get(o.fileKey!) ?? 0;
      const true_ = says === 'nothing stored' ? rows === 0 : says === 'partly stored' ? rows > 0 : true;
      console.log(`  ${o.fileKey}: says "${says}", ${rows} rows there: ${true_ ? 'true' : '**false**'}; ${/disk is full/.test(o.message ?? '') ? 'names the full disk' : '**does not name the full disk**'}`);
    }
    execFileSync('mount', ['-o', 'remount,size=256m', home]);
    const again = await ingestInto(home, logs);
    const diff = differences(roomy.prints, again.prints);
    console.log(`given room, the next ingest: ${again.summary.loadedFiles} loaded, ${again.summary.unchangedFiles} already ingested, ${again.summary.problemFiles} problems; events and rejects ${diff.length ? `**differ**: ${diff.join('; ')}` : 'identical to an ingest on a roomy disk'}`);
  } finally {
    execFileSync('umount', [home]);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
