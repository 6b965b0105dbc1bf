import fs from 'node:fs';
import path from 'node:path';

const SQL_DIR = path.join(__dirname, 'sql');
const cache = new Map<string, string>();

/** Reads `clickhouse/sql/<name>.sql` (cached). SQL files take values only as `{name:Type}` parameters. */
export function sqlFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(SQL_DIR, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
