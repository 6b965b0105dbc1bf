/**
 * Runs test tiers, or single test files, with node's test runner. When a workflow test is among
 * them it starts one Temporal dev server for the whole run (the project's own launcher, the binary
 * found like everywhere else) and hands its address to the tests in TEMPORAL_ADDRESS; it is stopped
 * when the tests end. Any one file passes run alone this way.
 *   node --import tsx test/support/run-suite.ts [unit|integration|workflow|replay|all|FILE.test.ts]...
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { resolveSettings } from '../../config/settings';
import { temporalCliOf } from '../../temporal/binary';
import { startDevServer, type DevServer } from '../../temporal/dev-server';

const ROOT = path.resolve(__dirname, '../..');
const TIERS = ['unit', 'integration', 'workflow', 'replay'] as const;

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2);
  const tiers = asked.length === 0 || asked.includes('all') ? [...TIERS] : asked.filter((a) => !a.endsWith('.test.ts'));
  for (const t of tiers) if (!(TIERS as readonly string[]).includes(t)) throw new Error(`unknown tier '${t}' (${TIERS.join(', ')}, all, or a test file)`);
  const single = asked.filter((a) => a.endsWith('.test.ts')).map((f) => path.resolve(f));
  for (const f of single) if (!fs.existsSync(f)) throw new Error(`no test file ${f}`);
  const files = [...tiers.flatMap((t) => testFiles(path.join(ROOT, 'test', t))), ...single];
  if (files.length === 0) throw new Error(`no test files in ${tiers.join(', ')}`);
  const needsTemporal = tiers.includes('workflow') || single.some((f) => f.startsWith(path.join(ROOT, 'test', 'workflow') + path.sep));

  let server: DevServer | undefined;
  const env = { ...process.env };
  if (needsTemporal && !process.env.TEMPORAL_ADDRESS) {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-temporal-'));
    server = await startDevServer({ cli: temporalCliOf(resolveSettings().temporal), stateDir, port: await freePort(), uiPort: false });
    env.TEMPORAL_ADDRESS = server.address;
    console.log(`# Temporal dev server for this run: ${server.address}`);
  }
  try {
    // One file at a time: each file's embedded engine and workers are process-wide, and 2 cores are all there is.
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit', env, cwd: ROOT });
    return await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
