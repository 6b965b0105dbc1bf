import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createIngestLogsActivity } from '../../../activities/sql/ingest-logs-activity';
import { LocalFolderStore } from '../../../artifacts/store';
import type { ClickHouseClient } from '../../../clickhouse';
import type { IngestLogsResult } from '../../../messages/activities';
import { openTestEngine, RAW_SAMPLES, tempHome } from '../../support/engine';

let ch: ClickHouseClient;
before(async () => {
  ({ ch } = await openTestEngine());
});
after(() => ch.close());

test('the ingest activity heartbeats its progress after each file and returns a small summary', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  const ingestLogs = createIngestLogsActivity({ ch, engine: 'embedded', tmpDir: tempHome(), store: new LocalFolderStore(tempHome()) });
  const result: IngestLogsResult = await env.run(ingestLogs, { dir: RAW_SAMPLES });
  assert.equal(result.loaded, 2993);
  assert.equal(result.loadedFiles, 3);
  // The samples folder holds logs only (its note is in test/fixtures/README.md): no file is a problem.
  assert.deepEqual(result.outcomes.filter((o) => o.status === 'failed').map((o) => path.basename(o.file)), []);
  assert.equal(result.problemFiles, 0);
  assert.deepEqual(beats.map((b) => (b as { filesDone: number }).filesDone), [1, 2, 3]);
  assert.ok(JSON.stringify(result).length < 4000, 'the summary stays small');
});

test('a folder that does not exist fails without retries', async () => {
  const env = new MockActivityEnvironment();
  const ingestLogs = createIngestLogsActivity({ ch, engine: 'embedded', tmpDir: tempHome(), store: new LocalFolderStore(tempHome()) });
  await assert.rejects(env.run(ingestLogs, { dir: path.join(RAW_SAMPLES, 'missing') }), (err: unknown) => err instanceof ApplicationFailure && err.nonRetryable && err.type === 'InvalidLogFolder');
});
