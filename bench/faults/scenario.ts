import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { resultOf } from '../../cli/follow';
import { startStack, type Stack } from '../../cli/stack';
import { writeStackFile, removeStackFile } from '../../cli/stack-file';
import { openClickHouse } from '../../clickhouse';
import { resolveSettings, type Settings } from '../../config/settings';
import type { PipelineInput } from '../../messages/pipeline';
import { pipelineWorkflowId } from '../../messages/run-id';
import { TASK_QUEUES } from '../../messages/task-queues';
import { freePort } from '../../temporal/dev-server';
import { churnPipeline } from '../../workflows';
import { fingerprint, type TableFingerprint } from './fingerprint';

export type ProcessKind = 'sql worker' | 'training worker' | 'Temporal server';
export type Stage = 'ingest' | 'features' | 'training';

/** The activities whose start marks a stage: the kill comes while one of them runs. */
const STAGE_ACTIVITIES: Record<Stage, string[]> = {
  ingest: ['ingestLogs'],
  features: ['buildRunFeatures', 'exportRunData'],
  training: ['runChurnGridUnit', 'trainChurnModel', 'fitRecommender'],
};

export interface Outcome {
  fingerprints: TableFingerprint[];
  /** Seconds from start to the run's end. */
  wallS: number;
  /** Seconds from the kill to the run's end; undefined when nothing was killed. */
  afterKillS?: number;
  /** What the stack said meanwhile (deaths, restarts). */
  said: string[];
  /** Set when the stage was over before the kill could land in it. */
  missed?: boolean;
}

/** A fresh state folder with its own Temporal ports, run under a supervised stack (as `musicbox up` runs it). */
export async function withFreshStack<T>(body: (stack: Stack, settings: Settings, said: string[]) => Promise<T>): Promise<T> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'musicbox-faults-'));
  const env: NodeJS.ProcessEnv = { ...process.env, MUSICBOX_HOME: home, MUSICBOX_TEMPORAL_PORT: String(await freePort()), MUSICBOX_TEMPORAL_UI_PORT: String(await freePort()) };
  delete env.TEMPORAL_ADDRESS;
  const settings = resolveSettings(env);
  const said: string[] = [];
  const stack = await startStack(settings, { log: (l) => said.push(l) });
  writeStackFile(settings, { pid: process.pid, address: stack.address });
  try {
    return await body(stack, settings, said);
  } finally {
    removeStackFile(settings);
    await stack.stop();
  }
}

/** Runs the pipeline once on a fresh stack, SIGKILLing one kind of process while `stage` runs. */
export async function runScenario(input: PipelineInput & { runId: string }, kill?: { kind: ProcessKind; stage: Stage }): Promise<Outcome> {
  let settings: Settings | undefined;
  const outcome = await withFreshStack(async (stack, s, said) => {
    settings = s;
    const client = new Client({ connection: await Connection.connect({ address: stack.address }) });
    try {
      const started = Date.now();
      const handle = await client.workflow.start(churnPipeline, { taskQueue: TASK_QUEUES.workflows, workflowId: pipelineWorkflowId(input.runId), args: [input] });
      let killedAt: number | undefined;
      let missed = false;
      if (kill) {
        killedAt = await killDuring(handle, stack, kill);
        missed = killedAt === undefined;
      }
      await resultOf(handle, () => undefined);
      const ended = Date.now();
      return { wallS: (ended - started) / 1000, afterKillS: killedAt && (ended - killedAt) / 1000, said, missed, fingerprints: [] as TableFingerprint[] };
    } finally {
      await client.connection.close();
    }
  });
  // The SQL worker holds the embedded engine while the stack is up: read it once the stack is down.
  const ch = await openClickHouse(settings!);
  try {
    outcome.fingerprints = await fingerprint(ch);
  } finally {
    await ch.close();
  }
  return outcome;
}

/** Waits for one of the stage's activities to run, then SIGKILLs the kind's processes; undefined when the stage passed unseen. */
async function killDuring(handle: { describe(): Promise<{ status: { name: string }; raw: { pendingActivities?: { activityType?: { name?: string | null } | null; state?: number | null }[] | null } }> }, stack: Stack, kill: { kind: ProcessKind; stage: Stage }): Promise<number | undefined> {
  for (;;) {
    const d = await handle.describe();
    if (d.status.name !== 'RUNNING') return undefined;
    const running = (d.raw.pendingActivities ?? []).some((a) => a.state === 2 && STAGE_ACTIVITIES[kill.stage].includes(a.activityType?.name ?? ''));
    if (running) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Let the activity get under way, so the kill lands in the middle of its work.
  await new Promise((r) => setTimeout(r, 1000));
  const pids =
    kill.kind === 'Temporal server'
      ? [stack.serverPid()!]
      : stack.workers().filter((w) => w.spawnargs.some((a) => a.endsWith(kill.kind === 'sql worker' ? 'sql-worker.ts' : 'training-worker.ts'))).map((w) => w.pid!);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return Date.now();
}
