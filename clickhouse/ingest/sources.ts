import type { EventKind } from '../../ingest/file-name';
import { sqlFile } from '../sql';

// A raw line may end in \r (a file written on Windows); both sources strip it the same way.
const STRIP_CR = "if(endsWith(raw_line, '\\r'), substring(raw_line, 1, length(raw_line) - 1), raw_line)";

/**
 * Lines ClickHouse reads from the files themselves (embedded engine; `.gz` is decompressed by
 * ClickHouse): `path` is one file or a glob of several, each line's source is its file's name.
 */
export const FILE_SOURCE = `SELECT _file AS source, toUInt32(_row_number + 1) AS line_no, ${STRIP_CR} AS line, '' AS repair_override
  FROM file({path:String}, 'LineAsString', 'raw_line String')`;

/** Lines a client sent into ingest_lines in this load attempt (server path, rebuilt records), the source being their key there. */
export const LINES_SOURCE = `SELECT source, line_no, ${STRIP_CR} AS line, repair AS repair_override
  FROM (SELECT file_key AS source, line_no, line AS raw_line, repair FROM ingest_lines WHERE attempt = {attempt:String} AND file_key IN {sources:Array(String)})`;

export type LineSource = typeof FILE_SOURCE | typeof LINES_SOURCE;

/**
 * The field (1-based, after repair) holding each text column of ingest_parsed, per kind; a column a
 * kind lacks is empty. Naming them per kind, rather than choosing among fields row by row, spares
 * the copy of every field into every column and leaves the fields a kind does not have unread.
 */
const KIND_FIELDS: Record<EventKind, Record<string, number>> = {
  P: { uid_raw: 1, device_raw: 2, song_id_raw: 3, song_type: 4, song_name: 5, singer: 6, play_time_raw: 7, song_length_raw: 8, paid_flag: 9 },
  D: { uid_raw: 1, device_raw: 2, song_id_raw: 3, song_name: 4, singer: 5, paid_flag: 6 },
  S: { uid_raw: 1, device_raw: 2, search_time: 3, search_query: 4 },
};

/** The text columns the parse statement selects, in ingest_parsed's order. */
const TEXT_COLUMNS = ['uid_raw', 'device_raw', 'song_id_raw', 'play_time_raw', 'song_length_raw', 'song_type', 'song_name', 'singer', 'paid_flag', 'search_time', 'search_query'];

/** The statement that parses every line of a source of one kind once and routes it (see parse-into-routes.sql). */
export function parseStatement(source: LineSource, kind: EventKind): string {
  const fields = TEXT_COLUMNS.map((c) => `${c in KIND_FIELDS[kind] ? `f${KIND_FIELDS[kind][c]}` : "''"} AS ${c}`).join(', ');
  // Function replacements: the SQL holds `$` characters that a string replacement would expand.
  return sqlFile('ingest/parse-into-routes')
    .replace('__SOURCE__', () => source)
    .replace('__KIND_FIELDS__', () => fields);
}
