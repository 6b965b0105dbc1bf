import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import { TASK_QUEUES } from '../../messages/task-queues';
import { logIngest } from '../../workflows';
import { generateLogs } from '../../generator';
import type { Settings } from '../../config/settings';
import { openClickHouse } from '../../clickhouse';
import { rows, tempHome } from '../support/engine';
import { startWorker, stopWorker, testClient, testSettings } from '../support/stack';

let settings: Settings;
let client: Client;
before(async () => {
  settings = testSettings();
  client = await testClient();
});
after(() => client.connection.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Files done, from the ingest activity's last heartbeat details (a JSON payload). */
function filesDone(data: Uint8Array | null | undefined): number {
  if (!data) return 0;
  const details = JSON.parse(Buffer.from(data).toString('utf8')) as { filesDone?: number };
  return details.filesDone ?? 0;
}

test('killing the SQL worker during an ingest and starting it again completes the run, without duplicates', async () => {
  const logs = tempHome('musicbox-crash-logs-');
  const generated = await generateLogs({ outDir: logs, users: 2500, days: 44, seed: 11 });

  let worker = await startWorker(settings, 'sql');
  // Batches of 4 files, so that the crash falls between batches that are done and batches to do.
  const handle = await client.workflow.start(logIngest, { taskQueue: TASK_QUEUES.workflows, workflowId: `ingest-crash-${Date.now()}`, args: [{ dir: logs, batchFiles: 4 }] });
  // Kill the worker outright once the activity has run 2.5 s, or earlier if its heartbeat already
  // reports a finished batch (heartbeats reach the server throttled, so on a fast machine the
  // ingest may be well along before one with progress shows).
  let startedAt: number | undefined;
  try {
    for (let i = 0; ; i++) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const ingest = pending.find((a) => a.activityType?.name === 'ingestLogs' && a.state === 2 /* STARTED */);
      if (ingest) startedAt ??= Date.now();
      if (filesDone(ingest?.heartbeatDetails?.payloads?.[0]?.data) >= 4 || (startedAt !== undefined && Date.now() - startedAt >= 2500)) break;
      assert.ok(i < 1200, 'the ingest activity never started');
      await sleep(100);
    }
  } finally {
    // Also when the wait fails, so that a live worker does not keep the suite from ending.
    await stopWorker(worker, 'SIGKILL');
  }
  worker = await startWorker(settings, 'sql');

  try {
    const result = await handle.result();
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    assert.deepEqual(attempts, [2], 'the activity completed on its second attempt (the first died with the worker)');
    assert.equal(result.problemFiles, 0);
    assert.ok(result.unchangedFiles > 0, 'files finished before the crash were not loaded again');
    assert.equal(result.loadedFiles + result.unchangedFiles, generated.files);
  } finally {
    await stopWorker(worker); // also when an assertion fails, so that the suite does not hang on it
  }

  const ch = await openClickHouse(settings);
  try {
    const [totals] = await rows<{ n: string; distinct_lines: string; files: string }>(
      ch,
      'SELECT count() AS n, uniqExact(file_key, line_no) AS distinct_lines, (SELECT uniqExact(file_key) FROM ingested_files) AS files FROM events',
    );
    assert.equal(Number(totals.n), generated.manifest.events);
    assert.equal(Number(totals.distinct_lines), generated.manifest.events);
    assert.equal(Number(totals.files), generated.files);
  } finally {
    await ch.close();
  }
});
