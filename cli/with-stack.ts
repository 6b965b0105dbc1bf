import type { Settings } from '../config/settings';
import { readStackFile } from './stack-file';
import { startStack, type Stack } from './stack';

export interface StackContext {
  address: string;
  uiUrl?: string;
  /**
   * Names the durable work the body follows (`run X`) and the command that follows it again, so
   * that Ctrl-C says what goes on instead of leaving the user to guess.
   */
  following(what: string, again: string): void;
}

/**
 * Runs `body` against a Temporal server with workers: the stack `musicbox up` keeps running if
 * there is one, else a stack started for this command and stopped after it (also on Ctrl-C).
 * Ctrl-C only stops following: the workflow lives on the server, and the message says how to
 * follow it again (after `musicbox up`, when the stack was this command's own).
 */
export async function withStack<T>(settings: Settings, body: (ctx: StackContext) => Promise<T>, log: (line: string) => void): Promise<T> {
  let followed: { what: string; again: string } | undefined;
  const following = (what: string, again: string) => {
    followed = { what, again };
  };
  const running = readStackFile(settings);
  if (running) {
    const onSignal = () => {
      log(followed ? `stopped following; ${followed.what} goes on: ${followed.again} follows it again` : 'stopped');
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    try {
      return await body({ address: running.address, uiUrl: running.uiUrl, following });
    } finally {
      process.off('SIGINT', onSignal);
    }
  }
  log(settings.temporal.address ? `using Temporal at ${settings.temporal.address}; starting workers…` : 'starting local Temporal server and workers…');
  const stack: Stack = await startStack(settings, { log });
  const onSignal = () => {
    if (followed) log(`stopping the stack this command started; ${followed.what} is kept and goes on once a stack is up: musicbox up, then ${followed.again}`);
    void stack.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body({ address: stack.address, uiUrl: stack.uiUrl, following });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stack.stop();
  }
}
