import { debugRequested } from '../config/settings';

/** Runs a process entry point: a failure prints one line (no stack trace) and exits non-zero. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
      if (debugRequested()) console.error(err);
      process.exit(1);
    },
  );
}
