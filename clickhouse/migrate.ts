import fs from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface MigrationResult {
  /** Versions applied by this call, in order. */
  applied: string[];
  /** Versions that were already recorded. */
  alreadyApplied: number;
}

/**
 * Applies every `clickhouse/migrations/NNNN_name.sql` not yet recorded in `schema_migrations`, in name order.
 * Each file holds statements separated by a `;` at the end of a line; every statement must be
 * idempotent (`IF NOT EXISTS`), so a crash between a statement and its record is harmless.
 */
export async function migrate(ch: ClickHouseClient, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await ch.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
            (version String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const done = new Set(
    (await (await ch.query({ query: 'SELECT version FROM schema_migrations', format: 'JSONEachRow' })).json<{ version: string }>()).map(
      (r) => r.version,
    ),
  );
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    if (done.has(version)) continue;
    for (const statement of splitStatements(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      await ch.command({ query: statement });
    }
    await ch.insert({ table: 'schema_migrations', values: [{ version }], format: 'JSONEachRow' });
    applied.push(version);
  }
  return { applied, alreadyApplied: done.size };
}

/** Splits a SQL file on `;` at the end of a line, dropping comment-only and empty pieces. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
