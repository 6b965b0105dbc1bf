/**
 * A training worker's write, alone in a process so a test can kill it part-way:
 *   node --import tsx test/support/put-artifact.ts URL TOKEN KEY BYTES TIMES
 * writes KEY TIMES times over the HTTP interface, each value BYTES long and filled with its round number.
 */
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { ClickHouseStore } from '../../artifacts/store';

async function main(): Promise<void> {
  const [url, token, key, bytes, times] = process.argv.slice(2);
  const ch = createClient({ url, password: token, log: { level: ClickHouseLogLevel.OFF } });
  const store = new ClickHouseStore(ch, url);
  for (let round = 1; round <= Number(times); round++) {
    await store.put(key, Buffer.alloc(Number(bytes), round));
    console.log(`wrote ${round}`);
  }
  await ch.close();
}

void main();
