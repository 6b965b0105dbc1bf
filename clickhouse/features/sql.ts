import { sqlFile } from '../sql';

const INCLUDE = /\/\*include:([a-z0-9-]+)\*\//g;

/**
 * Text of `clickhouse/sql/features/<name>.sql`, with each `/*include:other*\/` marker replaced by
 * the text of `features/other.sql` (shared CTE fragments). Only constant SQL text is spliced;
 * values always travel as `{name:Type}` query parameters.
 */
export function featureSql(name: string): string {
  return sqlFile(`features/${name}`).replace(INCLUDE, (_, other: string) => sqlFile(`features/${other}`).trim());
}
