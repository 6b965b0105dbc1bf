import path from 'node:path';
import { Command, Option } from 'commander';
import { generateLogs } from '../../generator';

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got '${v}'`);
  return n;
};

export function generateCommand(): Command {
  return new Command('generate')
    .description('write realistic raw logs (the seed study\'s format, with its dirt) for a number of users and days; deterministic for a seed')
    .requiredOption('-o, --out <dir>', 'folder to write YYYYMMDD_1_{play,down,search}.log and manifest.json into')
    .option('-u, --users <n>', 'number of users', int('users'), 60000)
    .option('-d, --days <n>', 'number of days', int('days'), 44)
    .option('--start <date>', 'first day, YYYY-MM-DD (2017-03-30 makes the seed\'s windows apply)', '2017-03-30')
    .option('-s, --seed <n>', 'random seed', int('seed'), 42)
    .option('--songs <n>', 'catalogue size (default scales with users)', int('songs'))
    .option('--dirt <x>', 'multiplier of every dirt rate (0 = clean logs, no bots)', (v) => Number(v), 1)
    .option('--json', 'print the summary as JSON', false)
    .addOption(new Option('--compression <kind>', 'file compression').choices(['none', 'gzip']).default('none'))
    .action(async (opts: { out: string; users: number; days: number; start: string; seed: number; songs?: number; dirt: number; compression: 'none' | 'gzip'; json: boolean }) => {
      const summary = await generateLogs({
        outDir: path.resolve(opts.out),
        users: opts.users,
        days: opts.days,
        startDate: opts.start,
        seed: opts.seed,
        songs: opts.songs,
        dirt: opts.dirt,
        compression: opts.compression,
        onProgress: process.stderr.isTTY ? (p) => process.stderr.write(`\r  day ${p.day}/${p.days} (${p.date}), ${p.rows} lines`) : undefined,
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (opts.json) {
        console.log(JSON.stringify({ ...summary, manifest: undefined }));
        return;
      }
      const e = summary.events;
      console.log(`wrote ${summary.files} files to ${summary.outDir} in ${summary.seconds.toFixed(1)} s: ${summary.lines} lines (${e.play} plays, ${e.down} downloads, ${e.search} searches), ${summary.bots} bots`);
    });
}
