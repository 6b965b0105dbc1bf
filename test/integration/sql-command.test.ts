import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { queryEngine } from '../../cli/query';
import { resolveSettings } from '../../config/settings';
import { PROJECT_ROOT } from '../../temporal/binary';
import { tempHome } from '../support/engine';

// One state folder, no worker holding it: `musicbox sql` opens the embedded engine itself and
// still goes through the HTTP interface, with the same read-only rules as through the SQL worker.
const home = tempHome();

function sql(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'musicbox.js'), 'sql', ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSICBOX_HOME: home, CLICKHOUSE_URL: '', TEMPORAL_ADDRESS: '' },
    timeout: 120_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

test('musicbox sql reads without --write, and refuses an INSERT and file() with a ClickHouse code on one line', () => {
  assert.equal(sql(['SELECT count() FROM events', '--format', 'TSV']).stdout, '0\n');

  const insert = sql(["INSERT INTO published_runs (run_id, kind, rows) VALUES ('x', 'churn', 1)"]);
  assert.equal(insert.code, 1);
  assert.match(insert.stderr, /^error: Code: 164\. DB::Exception: .*read-only by default \(musicbox sql --write allows it\) \(READONLY\)$/);

  const passwd = sql(["SELECT * FROM file('/etc/passwd', 'LineAsString')", '--format', 'TSV']);
  assert.equal(passwd.code, 1);
  assert.match(passwd.stderr, /^error: Code: 164\. .*file\(\)/);
  assert.doesNotMatch(passwd.stdout + passwd.stderr, /root:/);

  assert.equal(sql(['SELECT count() FROM published_runs', '--format', 'TSV']).stdout, '0\n', 'the refused INSERT wrote nothing');
});

test('with --write the same INSERT is done', () => {
  const r = sql(["INSERT INTO published_runs (run_id, kind, rows) VALUES ('x', 'churn', 1)", '--write']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(["SELECT run_id, rows FROM published_runs WHERE run_id = 'x'", '--format', 'TSV']).stdout, 'x\t1\n');
});

test('a read-only query with bound parameters runs', async () => {
  const out = await queryEngine(resolveSettings({ MUSICBOX_HOME: home }), 'SELECT {n:UInt32} + 1 AS x, {s:String} AS s', 'TSV', { params: { n: '41', s: 'a b' } });
  assert.equal(out, '42\ta b\n');
});

test('a syntax error is reported once, on one line, with its code', () => {
  const r = sql(['SELEC 1']);
  assert.equal(r.code, 1);
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^error: Code: 62\. DB::Exception: Syntax error.* \(SYNTAX_ERROR\)$/);
});
