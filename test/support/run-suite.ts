/**
 * Runs test tiers with node's test runner. For the workflow tier it starts one Temporal dev server
 * for the whole run (the project's own launcher, the binary found like everywhere else) and hands
 * its address to the tests in TEMPORAL_ADDRESS; it is stopped when the tests end.
 *   node --import tsx test/support/run-suite.ts [unit|integration|workflow|replay|all]...
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
  const tiers = asked.length === 0 || asked.includes('all') ? [...TIERS] : asked;
  for (const t of tiers) if (!(TIERS as readonly string[]).includes(t)) throw new Error(`unknown tier '${t}' (${TIERS.join(', ')}, all)`);
  const files = tiers.flatMap((t) => testFiles(path.join(ROOT, 'test', t)));
  if (files.length === 0) throw new Error(`no test files in ${tiers.join(', ')}`);

  let server: DevServer | undefined;
  const env = { ...process.env };
  if (tiers.includes('workflow') && !process.env.TEMPORAL_ADDRESS) {
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
