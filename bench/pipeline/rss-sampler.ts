/**
 * Samples the resident memory and CPU time of musicbox's processes once a second until stopped, one
 * line per process and sample: seconds since the epoch, pid, kind (sql, training, cli, temporal),
 * RSS in MiB, CPU seconds used so far (user + system, all threads).
 *   node --import tsx bench/pipeline/rss-sampler.ts <out.tsv> &
 * stage-memory.ts then puts the samples beside a run's activity windows.
 */
import fs from 'node:fs';

const out = process.argv[2];
if (!out) throw new Error('usage: rss-sampler.ts <out.tsv>');
const file = fs.openSync(out, 'w');

function kindOf(cmdline: string): string | null {
  if (cmdline.includes('sql-worker')) return 'sql';
  if (cmdline.includes('training-worker')) return 'training';
  if (cmdline.includes('bin/musicbox')) return 'cli';
  if (/temporal\S*\s+server/.test(cmdline)) return 'temporal';
  return null;
}

function sample(): void {
  const now = Date.now() / 1000;
  const lines: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const kind = kindOf(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      if (!kind) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second); the command name may hold spaces, so count after its ')'.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(fields[11]) + Number(fields[12])) / 100;
      if (rss) lines.push(`${now.toFixed(1)}\t${pid}\t${kind}\t${(Number(rss[1]) / 1024).toFixed(0)}\t${cpu.toFixed(2)}`);
    } catch {
      // The process ended between listing and reading: nothing to sample.
    }
  }
  if (lines.length) fs.writeSync(file, lines.join('\n') + '\n');
}

setInterval(sample, 1000);
sample();
