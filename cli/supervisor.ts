import type { ChildProcess } from 'node:child_process';

/** First wait before a restart; it doubles with each death in a row, up to MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A process that stayed up this long is healthy again: its next death waits FIRST_BACKOFF_MS. */
const HEALTHY_AFTER_MS = 60_000;

/**
 * Keeps the processes of a local stack running: one that dies is started again after a backoff,
 * and every death and restart is said in a line. Everything it started is stopped by `stopAll`,
 * including processes still starting.
 */
export class Supervisor {
  private readonly children = new Set<ChildProcess>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly log: (line: string) => void) {}

  /**
   * Starts a worker process and keeps it running; resolves once the first one is ready.
   * `onDeath` runs when a process of it dies, before the restart (e.g. to hand its work back).
   */
  async keep(name: string, start: (onSpawn: (child: ChildProcess) => void) => Promise<ChildProcess>, onDeath?: (pid: number) => Promise<string | undefined>): Promise<void> {
    const track = (child: ChildProcess) => {
      this.children.add(child);
      child.once('exit', () => {
        this.children.delete(child);
        if (!this.stopping && onDeath && child.pid) {
          onDeath(child.pid).then(
            (said) => said && this.log(`${name} (pid ${child.pid}): ${said}`),
            (err: unknown) => this.log(`${name} (pid ${child.pid}): its running activities could not be handed back (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); Temporal retries them after their heartbeat timeout`),
          );
        }
      });
    };
    const first = await start(track);
    this.watch(name, exitOf(first), async () => ({ exited: exitOf(await start(track)) }));
  }

  /** Restarts a process (through `restart`, which resolves once it is up) each time it exits. */
  watch(name: string, exited: Promise<unknown>, restart: () => Promise<{ exited: Promise<unknown> }>): void {
    let deaths = 0;
    let upSince = Date.now();
    const onExit = (how: unknown) => {
      if (this.stopping) return;
      deaths = Date.now() - upSince > HEALTHY_AFTER_MS ? 1 : deaths + 1;
      const wait = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (deaths - 1));
      this.log(`${name} died (${String(how)}); restarting it in ${wait / 1000} s`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.stopping) return;
        restart().then(
          (next) => {
            upSince = Date.now();
            this.log(`${name} restarted`);
            void next.exited.then(onExit);
          },
          (err: unknown) => onExit(`restart failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`),
        );
      }, wait);
      this.timers.add(timer);
    };
    void exited.then(onExit);
  }

  /** The worker processes alive now. */
  processes(): ChildProcess[] {
    return [...this.children];
  }

  /** Stops restarting, then stops every process (SIGTERM, SIGKILL after 20 s). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all([...this.children].map(stopProcess));
  }
}

/** Settles with how the process ended ("code 1", "SIGKILL"). */
function exitOf(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(describe(child.exitCode, child.signalCode));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(describe(code, signal))));
}

function describe(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
