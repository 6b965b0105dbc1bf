/**
 * Minimal entry point until the project CLI wires the generator in:
 *   node --import tsx generator/main.ts --users N --days D --out DIR [--seed S] [--gzip] [--start YYYY-MM-DD] [--songs N] [--dirt X]
 */
import { generateLogs } from './index';

function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = true;
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

function num(v: string | true | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isFinite(n)) throw new Error(`--${name} needs a number`);
  return n;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const out = a.out;
  if (typeof out !== 'string') throw new Error('--out DIR is required');
  const summary = await generateLogs({
    outDir: out,
    users: num(a.users, 'users'),
    days: num(a.days, 'days'),
    seed: num(a.seed, 'seed'),
    songs: num(a.songs, 'songs'),
    dirt: num(a.dirt, 'dirt'),
    startDate: typeof a.start === 'string' ? a.start : undefined,
    compression: a.gzip === true ? 'gzip' : 'none',
    onProgress: (p) => process.stderr.write(`\rday ${p.day}/${p.days} ${p.date} lines ${p.rows}`),
  });
  process.stderr.write('\n');
  const t = summary.manifest.totals;
  const out2 = {
    outDir: summary.outDir,
    files: summary.files,
    lines: summary.lines,
    events: summary.events,
    rejected: t.play.rejected + t.down.rejected + t.search.rejected,
    bytes: summary.bytes,
    bots: summary.bots,
    seconds: Number(summary.seconds.toFixed(2)),
    rowsPerSecond: Math.round(summary.lines / summary.seconds),
  };
  process.stdout.write(JSON.stringify(out2, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
