import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openClickHouse } from '../../clickhouse';
import { resolveSettings } from '../../config/settings';
import { tempHome } from '../support/engine';

test('the state folder the engine creates is readable by its owner only', async () => {
  const home = path.join(tempHome('musicbox-perm-'), 'nested', 'home');
  const ch = await openClickHouse(resolveSettings({ MUSICBOX_HOME: home }));
  await ch.close();
  assert.equal(fs.statSync(home).mode & 0o777, 0o700);
});
