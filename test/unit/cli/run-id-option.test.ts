import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { deprecatedRunOption, runIdOf, runIdOption } from '../../../cli/run-id-option';

/** The run id a command built like `features` and `recommend` sees for these arguments. */
function parsed(args: string[]): string | undefined {
  let seen: string | undefined;
  const command = new Command('x')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .addOption(runIdOption('run id'))
    .addOption(deprecatedRunOption())
    .action((opts: { runId?: string; run?: string }) => {
      seen = runIdOf(opts);
    });
  command.parse(args, { from: 'user' });
  return seen;
}

test('--run-id names the run; the older --run still does; none gives none', () => {
  assert.equal(parsed(['--run-id', 'r1']), 'r1');
  assert.equal(parsed(['--run', 'r2']), 'r2');
  assert.equal(parsed(['--run-id', 'r3', '--run', 'r3']), 'r3');
  assert.equal(parsed([]), undefined);
});

test('two different run ids are refused rather than one chosen silently', () => {
  assert.throws(() => parsed(['--run-id', 'a', '--run', 'b']), /--run b and --run-id a disagree/);
});

test('help shows --run-id only', () => {
  const help = new Command('x').addOption(runIdOption('run id')).addOption(deprecatedRunOption()).helpInformation();
  assert.match(help, /--run-id <id>/);
  assert.doesNotMatch(help, /--run <id>/);
});
