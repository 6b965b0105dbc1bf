import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generateLogs } from '../../generator';
import type { PipelineResult } from '../../messages/pipeline';
import { PROJECT_ROOT, temporalCliOf } from '../../temporal/binary';
import { tempHome } from '../support/engine';
import { testTemporalAddress, useWorkflowStack } from '../support/stack';

/** The shell blocks of README's section for Temporal users, in order, exactly as written. */
function readmeBlocks(): string[] {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## For Temporal users');
  assert.ok(start >= 0, 'README has a section for Temporal users');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

let logs: string;
const stack = useWorkflowStack(async () => {
  // 44 days, 2017-03-30 to 2017-05-12, as `musicbox generate` writes by default.
  logs = tempHome('musicbox-readme-logs-');
  await generateLogs({ outDir: logs, users: 300, days: 44, seed: 12 });
});

/** Runs one README block in bash, `temporal` on the PATH and pointed at the test server, as a reader would. */
function run(block: string): string {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', block], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${path.dirname(temporalCliOf(stack.settings.temporal))}${path.delimiter}${process.env.PATH ?? ''}`,
      TEMPORAL_ADDRESS: testTemporalAddress(),
      LOGS: logs,
    },
    timeout: 600_000,
  });
  assert.equal(r.status, 0, `${block}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test("README's commands for Temporal users work as written", async () => {
  const blocks = readmeBlocks();
  const block = (marker: string) => {
    const found = blocks.find((b) => b.includes(marker));
    assert.ok(found, `a block with ${marker}`);
    return found;
  };
  const runOnce = block('--type logIngest');
  const schedule = block('temporal schedule create');
  const findAndDelete = block('temporal schedule delete');

  // Ingest, one run as of the latest ingested date, and the list of finished runs.
  const listed = run(runOnce);
  assert.match(listed, /churn-pipeline-readme/);
  const once = (await stack.client.workflow.getHandle('churn-pipeline-readme').result()) as PipelineResult;
  // No run id given: derived from the as-of date, 05-12, the last ingested day; snapshot 14 days before.
  assert.deepEqual([once.runId, once.window?.asOf, once.features.snapshotDate], ['run-2017-05-12', '2017-05-12', '2017-04-28']);
  assert.ok(once.churn && once.recommendations);

  // The schedule and its backfill: two ticks, as of 05-10 and 05-11.
  const since = new Date().toISOString();
  run(schedule);
  for (let i = 0; ; i++) {
    const closed: string[] = [];
    for await (const w of stack.client.workflow.list({ query: `TemporalScheduledById = 'nightly' AND ExecutionStatus != 'Running' AND StartTime >= '${since}'` })) closed.push(w.status.name);
    if (closed.length >= 2) {
      assert.deepEqual(closed, ['COMPLETED', 'COMPLETED']);
      break;
    }
    assert.ok(i < 900, 'the two backfilled runs finish');
    await new Promise((r) => setTimeout(r, 500));
  }
  const found = run(findAndDelete);
  assert.match(found, /nightly-2017-05-11T03:00:00Z/);
  assert.match(found, /nightly-2017-05-12T03:00:00Z/);
  const left: string[] = [];
  for await (const s of stack.client.schedule.list()) left.push(s.scheduleId);
  assert.ok(!left.includes('nightly'), 'the schedule is gone');
});
