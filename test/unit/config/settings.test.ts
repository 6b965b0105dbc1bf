import assert from 'node:assert/strict';
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
