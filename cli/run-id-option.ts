import { Option } from 'commander';

/** `--run-id <id>`: the one spelling of the run id on every command. */
export function runIdOption(description: string): Option {
  return new Option('--run-id <id>', description);
}

/**
 * `--run <id>`, the older spelling on `features` and `recommend`, kept working (hidden from help)
 * so that scripts written against it still run; {@link runIdOf} prints a deprecation note.
 */
export function deprecatedRunOption(): Option {
  return new Option('--run <id>', 'deprecated spelling of --run-id').hideHelp();
}

/** The run id given as `--run-id`, or as the deprecated `--run` (with a note on stderr). */
export function runIdOf(opts: { runId?: string; run?: string }): string | undefined {
  if (opts.run === undefined) return opts.runId;
  if (opts.runId !== undefined && opts.runId !== opts.run) throw new Error(`--run ${opts.run} and --run-id ${opts.runId} disagree; give --run-id only`);
  process.stderr.write('note: --run is deprecated; use --run-id\n');
  return opts.run;
}
