import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ClickHouseClient } from '../../../clickhouse';
import { isClickHouseErrorOfType } from '../../../clickhouse/errors';
import { openTestEngine } from '../../support/engine';

let ch: ClickHouseClient;
before(async () => {
  ({ ch } = await openTestEngine());
});
after(() => ch.close());

const failureOf = (run: () => Promise<unknown>) => run().then(() => assert.fail('the statement should fail'), (err: unknown) => err);

test("the engine's errors are told apart by their type name", async () => {
  const unknownSetting = await failureOf(() => ch.command({ query: 'SELECT 1', clickhouse_settings: { no_such_setting: 1 } as never }));
  assert.ok(isClickHouseErrorOfType(unknownSetting, 'UNKNOWN_SETTING'));
  assert.ok(!isClickHouseErrorOfType(unknownSetting, 'UNKNOWN_TABLE'));
  const unknownTable = await failureOf(() => ch.command({ query: 'SELECT 1 FROM no_such_table' }));
  assert.ok(isClickHouseErrorOfType(unknownTable, 'UNKNOWN_TABLE'));
  assert.ok(!isClickHouseErrorOfType(new Error('UNKNOWN_SETTING'), 'UNKNOWN_SETTING'));
});
