import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadEngineRequest, parseEngineRequest } from '../../../clickhouse/http/engine-request';

const url = (search: string) => new URL(`http://engine/?${search}`);

test('a query in the body, with bound parameters, a query id and settings from the URL', () => {
  const r = parseEngineRequest(url('query_id=q1&param_uid=7&param_day=2017-04-01&max_threads=2&database=default'), Buffer.from('SELECT {uid:UInt64}'), 'POST');
  assert.deepEqual(r, { query: 'SELECT {uid:UInt64}', data: undefined, queryId: 'q1', params: { uid: '7', day: '2017-04-01' }, settings: { max_threads: '2' }, readOnly: false });
});

test("an INSERT in the URL takes the body as its rows; any other statement in the URL is followed by the body's text", () => {
  const insert = parseEngineRequest(url('query=INSERT%20INTO%20t%20FORMAT%20TSV'), Buffer.from('1\t2\n'), 'POST');
  assert.equal(insert.query, 'INSERT INTO t FORMAT TSV');
  assert.equal(insert.data?.toString(), '1\t2\n');
  const select = parseEngineRequest(url('query=SELECT%201'), Buffer.from('+ 1'), 'POST');
  assert.deepEqual([select.query, select.data], ['SELECT 1 + 1', undefined]);
});

test('GET and readonly=1 or 2 ask for a read-only query; readonly=0 does not', () => {
  assert.equal(parseEngineRequest(url('query=SELECT%201'), Buffer.alloc(0), 'GET').readOnly, true);
  assert.equal(parseEngineRequest(url('readonly=1'), Buffer.from('SELECT 1'), 'POST').readOnly, true);
  assert.equal(parseEngineRequest(url('readonly=2'), Buffer.from('SELECT 1'), 'POST').readOnly, true);
  assert.equal(parseEngineRequest(url('readonly=0'), Buffer.from('SELECT 1'), 'POST').readOnly, false);
  // readonly is handled by the interface, never set on the engine's session.
  assert.deepEqual(parseEngineRequest(url('readonly=1'), Buffer.from('SELECT 1'), 'POST').settings, {});
});

test('an empty query or another database is refused with the reason', () => {
  assert.throws(() => parseEngineRequest(url(''), Buffer.alloc(0), 'POST'), (e: unknown) => e instanceof BadEngineRequest && /empty query/.test(e.message));
  assert.throws(() => parseEngineRequest(url('database=other'), Buffer.from('SELECT 1'), 'POST'), /database 'other' is not served/);
});
