import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { lostPortRace, startDevServer } from '../../../temporal/dev-server';

// The line a real dev server wrote when the HTTP API port it had picked was taken before it bound it.
const RACE = 'failed listening for HTTP API on 127.0.0.1:46251: listen tcp 127.0.0.1:46251: bind: address already in use';

test('a clash on a port the server picked itself is a lost race; one on our own gRPC port is not', () => {
  assert.equal(lostPortRace(`level=ERROR msg="invoke failed" error="${RACE}"`, 45251), true);
  assert.equal(lostPortRace(RACE, 46251), false);
  assert.equal(lostPortRace('Error: unable to open database file', 45251), false);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A stand-in for the `temporal` binary: its first `failures` starts print `line` and exit;
 * the next one listens on --port until stopped.
 */
function fakeCli(dir: string, failures: number, line: string): string {
  const cli = path.join(dir, 'temporal');
  fs.writeFileSync(
    cli,
    `#!${process.execPath}
const fs = require('node:fs');
const counter = ${JSON.stringify(path.join(dir, 'starts'))};
const starts = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;
fs.writeFileSync(counter, String(starts));
if (starts <= ${failures}) { console.log(${JSON.stringify(line)}); process.exit(1); }
const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
require('node:net').createServer().listen(port, '127.0.0.1');
`,
    { mode: 0o755 },
  );
  return cli;
}

test('the dev server is started again when it loses the race for a port it picked, up to three times', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-dev-server-'));
  try {
    const server = await startDevServer({ cli: fakeCli(dir, 2, RACE), stateDir: dir, port: await freePort(), uiPort: false });
    await server.stop();
    assert.equal(fs.readFileSync(path.join(dir, 'starts'), 'utf8'), '3');
    // Three lost races in a row, or any other failure, end the start with the log to read.
    for (const [failures, line, starts] of [[3, RACE, '3'], [1, 'Error: unable to open database file', '1']] as const) {
      fs.rmSync(path.join(dir, 'starts'));
      await assert.rejects(
        startDevServer({ cli: fakeCli(dir, failures, line), stateDir: dir, port: await freePort(), uiPort: false }),
        /temporal dev server exited with code 1; see .*temporal-server\.log/,
      );
      assert.equal(fs.readFileSync(path.join(dir, 'starts'), 'utf8'), starts);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
