import { sqlFile } from '../sql';

// A raw line may end in \r (a file written on Windows); both sources strip it the same way.
const STRIP_CR = "if(endsWith(raw_line, '\\r'), substring(raw_line, 1, length(raw_line) - 1), raw_line)";

/**
 * Lines ClickHouse reads from the files themselves (embedded engine; `.gz` is decompressed by
 * ClickHouse): `path` is one file or a glob of several, each line's source is its file's name.
 */
export const FILE_SOURCE = `SELECT _file AS source, toUInt32(_row_number + 1) AS line_no, ${STRIP_CR} AS line, '' AS repair_override
  FROM file({path:String}, 'LineAsString', 'raw_line String')`;

/** Lines a client sent into ingest_lines (server path, rebuilt records), the source being their key there. */
export const LINES_SOURCE = `SELECT source, line_no, ${STRIP_CR} AS line, repair AS repair_override
  FROM (SELECT file_key AS source, line_no, line AS raw_line, repair FROM ingest_lines WHERE file_key IN {sources:Array(String)})`;

export type LineSource = typeof FILE_SOURCE | typeof LINES_SOURCE;

/** The statement that parses every line of a source once and routes it (see parse-into-routes.sql). */
export function parseStatement(source: LineSource): string {
  // A function replacement: the SQL holds `$` characters that a string replacement would expand.
  return sqlFile('ingest/parse-into-routes').replace('__SOURCE__', () => source);
}
