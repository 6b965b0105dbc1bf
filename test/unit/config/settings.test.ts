import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { resolveSettings } from '../../../config/settings';

test('defaults: embedded engine under .musicbox in the working directory, local Temporal', () => {
  const s = resolveSettings({}, '/work/x');
  assert.equal(s.home, '/work/x/.musicbox');
  assert.deepEqual(s.clickhouse, { kind: 'embedded', dataDir: '/work/x/.musicbox/clickhouse' });
  assert.equal(s.temporal.address, undefined);
  assert.equal(s.temporal.namespace, 'default');
  assert.equal(s.temporal.devUiPort, 8233);
});

test('CLICKHOUSE_URL switches to a server with its credentials; TEMPORAL_* select a server', () => {
  const s = resolveSettings({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_USER: 'u', CLICKHOUSE_PASSWORD: 'p', CLICKHOUSE_DATABASE: 'mb', TEMPORAL_ADDRESS: 't:7233', TEMPORAL_NAMESPACE: 'ns', MUSICBOX_HOME: '/s' }, '/w');
  assert.deepEqual(s.clickhouse, { kind: 'server', url: 'http://ch:8123', username: 'u', password: 'p', database: 'mb' });
  assert.equal(s.temporal.address, 't:7233');
  assert.equal(s.temporal.namespace, 'ns');
  assert.equal(s.home, '/s');
});

test('a malformed variable is named in the error', () => {
  assert.throws(() => resolveSettings({ CLICKHOUSE_URL: 'not a url' }), /CLICKHOUSE_URL/);
  assert.throws(() => resolveSettings({ MUSICBOX_TEMPORAL_PORT: 'abc' }), /MUSICBOX_TEMPORAL_PORT/);
});

test('training workers default to one per core and slots to one; both must be whole numbers ≥ 1', () => {
  const s = resolveSettings({}, '/w');
  assert.deepEqual(s.training, { workers: os.availableParallelism(), slots: 1 });
  assert.deepEqual(resolveSettings({ MUSICBOX_TRAINING_WORKERS: '3', MUSICBOX_TRAINING_SLOTS: '2' }).training, { workers: 3, slots: 2 });
  for (const bad of ['0', '1.5', 'many']) {
    assert.throws(() => resolveSettings({ MUSICBOX_TRAINING_WORKERS: bad }), /MUSICBOX_TRAINING_WORKERS: must be a whole number ≥ 1/);
    assert.throws(() => resolveSettings({ MUSICBOX_TRAINING_SLOTS: bad }), /MUSICBOX_TRAINING_SLOTS: must be a whole number ≥ 1/);
  }
});

test('artifacts stay in the local folder by default and go to ClickHouse with CLICKHOUSE_URL, unless told', () => {
  assert.equal(resolveSettings({}, '/w').artifactStore, 'local');
  assert.equal(resolveSettings({ CLICKHOUSE_URL: 'http://default:t@h:8123' }, '/w').artifactStore, 'clickhouse');
  assert.equal(resolveSettings({ CLICKHOUSE_URL: 'http://h:8123', MUSICBOX_ARTIFACT_STORE: 'local' }, '/w').artifactStore, 'local');
  assert.equal(resolveSettings({ MUSICBOX_ARTIFACT_STORE: 'clickhouse' }, '/w').artifactStore, 'clickhouse');
  assert.throws(() => resolveSettings({ MUSICBOX_ARTIFACT_STORE: 's3' }), /MUSICBOX_ARTIFACT_STORE.*'local' or 'clickhouse'/);
});

test('MUSICBOX_SQL_HTTP is [host:]port, on 127.0.0.1 unless a host is given; unset serves nothing', () => {
  assert.equal(resolveSettings({}, '/w').sqlHttp, undefined);
  assert.deepEqual(resolveSettings({ MUSICBOX_SQL_HTTP: '8123' }, '/w').sqlHttp, { host: '127.0.0.1', port: 8123 });
  assert.deepEqual(resolveSettings({ MUSICBOX_SQL_HTTP: '10.0.0.5:0' }, '/w').sqlHttp, { host: '10.0.0.5', port: 0 });
  assert.throws(() => resolveSettings({ MUSICBOX_SQL_HTTP: 'localhost' }), /MUSICBOX_SQL_HTTP/);
});
