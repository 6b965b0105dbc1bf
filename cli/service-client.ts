import type { Client } from '@temporalio/client';
import type { Settings } from '../config/settings';
import { readStackFile } from './stack-file';
import { connectClient } from './temporal-client';

/**
 * Runs `body` with a client of the Temporal server the service lives on: the stack `musicbox up`
 * keeps running, else TEMPORAL_ADDRESS. The service outlives any one command, so no command
 * starts a stack of its own for it.
 */
export async function withServiceClient<T>(settings: Settings, body: (client: Client) => Promise<T>): Promise<T> {
  const address = readStackFile(settings)?.address ?? settings.temporal.address;
  if (!address) {
    throw new Error('the service runs on a running stack: start one with `musicbox up` (or set TEMPORAL_ADDRESS to a Temporal server with musicbox workers), then run this again');
  }
  const client = await connectClient(address, settings.temporal.namespace);
  try {
    return await body(client);
  } finally {
    await client.connection.close();
  }
}
