import { sqlFile } from '../sql';
import type { RunContext } from './run-context';

const INCLUDE = /\/\*include:([a-z0-9-]+)\*\//g;

/**
 * Text of `clickhouse/sql/features/<name>.sql`, with each `/*include:other*\/` marker replaced by
 * the text of `features/other.sql` (shared fragments, which may include others). Only constant SQL
 * text is spliced; values always travel as `{name:Type}` query parameters.
 *
 * With a `memberWindow`, the members' events are read from the stage's in-memory member window
 * (`{member_window:Identifier}`, bound by stageQueryParams; see member-window.ts) instead of `events`.
 */
export function featureSql(name: string, { memberWindow }: Pick<RunContext, 'memberWindow'> = {}): string {
  return expand(name, memberWindow !== undefined, [name]);
}

function expand(name: string, memberWindow: boolean, path: string[]): string {
  const file = memberWindow && name === 'member-events' ? 'member-window' : name;
  return sqlFile(`features/${file}`).replace(INCLUDE, (_, other: string) => {
    if (path.includes(other)) throw new Error(`SQL include loop: ${[...path, other].join(' -> ')}`);
    return expand(other, memberWindow, [...path, other]).trim();
  });
}
