import fs from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { splitStatements } from '../migrate';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/**
 * Applies 0001_events.sql and the feature stage's migrations (0100-0199) directly, without the
 * schema_migrations bookkeeping: for tests and benchmarks on a fresh engine. Production uses migrate().
 */
export async function applyFeatureMigrations(ch: ClickHouseClient): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f === '0001_events.sql' || /^01\d\d_.+\.sql$/.test(f))
    .sort();
  for (const file of files) {
    for (const statement of splitStatements(fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'))) {
      await ch.command({ query: statement });
    }
  }
  return files;
}
