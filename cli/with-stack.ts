import type { Settings } from '../config/settings';
import { readStackFile } from './stack-file';
import { startStack, type Stack } from './stack';

export interface StackContext {
  address: string;
  uiUrl?: string;
}

/**
 * Runs `body` against a Temporal server with workers: the stack `musicbox up` keeps running if
 * there is one, else a stack started for this command and stopped after it (also on Ctrl-C).
 */
export async function withStack<T>(settings: Settings, body: (ctx: StackContext) => Promise<T>, log: (line: string) => void): Promise<T> {
  const running = readStackFile(settings);
  if (running) return body({ address: running.address, uiUrl: running.uiUrl });
  log(settings.temporal.address ? `using Temporal at ${settings.temporal.address}; starting workers…` : 'starting local Temporal server and workers…');
  const stack: Stack = await startStack(settings);
  const onSignal = () => {
    void stack.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body({ address: stack.address, uiUrl: stack.uiUrl });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stack.stop();
  }
}
