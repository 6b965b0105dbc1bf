import type { ClickHouseClient } from '@clickhouse/client';
import { EngineError, engineErrorOf } from './engine-error';

/**
 * Table functions and functions that reach outside the engine's own tables: files, URLs, object
 * stores, other databases, programs. A read-only caller may not use them, because with the
 * embedded engine they run with the SQL worker's rights on its machine.
 */
const EXTERNAL_ACCESS = /^(file|url|s3|gcs|oss|cos|hdfs|azure|remote|cluster|mysql|postgres|sqlite|mongo|redis|jdbc|odbc|executable|iceberg|deltalake|hudi|paimon|arrowflight|ytsaurus|input|dictionary)/i;

/** Statement kinds that only read: what `readonly=1` allows on a ClickHouse server. */
const READ_ONLY_STATEMENT = /^\s*(\(\s*)*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN|EXISTS|CHECK)\b/i;

/** ClickHouse's code for "Cannot execute query in readonly mode". */
export const READONLY_ERROR_CODE = '164';

function readOnlyRefusal(why: string): EngineError {
  return new EngineError({ code: READONLY_ERROR_CODE, type: 'READONLY', message: `${why}; the query is read-only by default (musicbox sql --write allows it)` });
}

/**
 * Refuses, without running it, a query that would write, change settings for later queries, write
 * a file (INTO OUTFILE) or reach outside the engine (file(), url(), s3(), …). The engine's own
 * parser judges the text, so comments, quoting and case cannot hide a statement: `formatQuery`
 * rejects a syntax error or a second statement, `EXPLAIN AST` lists every function the query calls.
 */
export async function assertReadOnlyQuery(ch: ClickHouseClient, query: string, params: Record<string, string> = {}): Promise<void> {
  const canonical = await formatOne(ch, query);
  if (!READ_ONLY_STATEMENT.test(canonical)) throw readOnlyRefusal(`'${canonical.split(/\s/)[0]}' statements change data or settings`);
  if (/\bINTO\s+OUTFILE\b/i.test(canonical)) throw readOnlyRefusal('INTO OUTFILE writes a file on the engine\'s machine');
  const ast = await (await ch.exec({ query: `EXPLAIN AST ${canonical}`, query_params: params })).stream.toArray();
  const text = Buffer.concat(ast.map((c: Buffer | string) => Buffer.from(c))).toString('utf8');
  for (const m of text.matchAll(/Function (\w+)/g)) {
    if (EXTERNAL_ACCESS.test(m[1])) throw readOnlyRefusal(`${m[1]}() reads or writes outside the database`);
  }
}

/** The query as the engine formats it, one statement; syntax errors come back as the engine reports them. */
async function formatOne(ch: ClickHouseClient, query: string): Promise<string> {
  try {
    const [row] = await (await ch.query({ query: 'SELECT formatQuery({q:String}) AS q', query_params: { q: query }, format: 'JSONEachRow' })).json<{ q: string }>();
    return row.q;
  } catch (err) {
    // The error names the wrapping SELECT; the caller wrote only their query.
    const e = engineErrorOf(err);
    if (e) throw new EngineError({ ...e, message: e.message.replace(/\s*:?\s*In scope SELECT formatQuery\(.*$/s, '').trim() });
    throw err;
  }
}
