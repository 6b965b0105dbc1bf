import { Client, Connection } from '@temporalio/client';

/** Connects a Temporal client; a server that does not answer gives a one-line error naming the address. */
export async function connectClient(address: string, namespace: string): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: '10 seconds' });
  } catch (err) {
    throw new Error(`cannot reach the Temporal server at ${address}: ${err instanceof Error ? err.message : String(err)} (check TEMPORAL_ADDRESS, or unset it to start a local server)`);
  }
  return new Client({ connection, namespace });
}
