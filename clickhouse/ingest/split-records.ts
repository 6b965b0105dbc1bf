import type { ClickHouseClient } from '@clickhouse/client';
import { EXPECTED_FIELDS, type LogFileName } from '../../ingest/file-name';
import { joinSplitRecords } from '../../ingest/join-split-records';
import type { Census } from './census';

/** Rows to parse again as rebuilt records (`<file key>#joined` in ingest_lines), per file. */
export interface JoinedSource {
  source: string;
  name: LogFileName;
}

/**
 * Joins the too-short lines of one load attempt that belong together and writes the rebuilt
 * records into ingest_lines for a second parse, and the lines left alone into `rejects` (through
 * ingest_rejects, whose views send them where the parsed rejects went).
 * @returns per file key, the number of short lines left unjoined, and the sources to parse again
 */
export async function rebuildSplitRecords(
  ch: ClickHouseClient,
  attempt: { id: string; staged: 0 | 1 },
  names: LogFileName[],
  census: Map<string, Census>,
): Promise<{ unjoined: Map<string, number>; joinedSources: JoinedSource[] }> {
  const unjoinedCounts = new Map(names.map((n) => [n.fileKey, 0]));
  const withShort = names.filter((n) => census.get(n.fileKey)!.short > 0);
  if (withShort.length === 0) return { unjoined: unjoinedCounts, joinedSources: [] };
  const shortLines = await readShortLines(ch, attempt.id, withShort);
  const joinedSources: JoinedSource[] = [];
  const joinedRows: Record<string, unknown>[] = [];
  const rejectRows: Record<string, unknown>[] = [];
  for (const name of withShort) {
    const { joined, unjoined } = joinSplitRecords(shortLines.get(name.fileKey) ?? [], EXPECTED_FIELDS[name.kind]);
    const joinedKey = `${name.fileKey}#joined`;
    if (joined.length) joinedSources.push({ source: joinedKey, name });
    joinedRows.push(...joined.map((r) => ({ attempt: attempt.id, file_key: joinedKey, line_no: r.lineNo, line: r.line, repair: 'split_record' })));
    rejectRows.push(...unjoined.map((l) => ({ file_key: name.fileKey, date: name.date, line_no: l.lineNo, reason: 'too_few_fields', raw: l.line, staged: attempt.staged })));
    unjoinedCounts.set(name.fileKey, unjoined.length);
  }
  if (joinedRows.length) await ch.insert({ table: 'ingest_lines', values: joinedRows, format: 'JSONEachRow' });
  if (rejectRows.length) await ch.insert({ table: 'ingest_rejects', values: rejectRows, format: 'JSONEachRow' });
  return { unjoined: unjoinedCounts, joinedSources };
}

/** The too-short lines the parse set aside, per file key, in line order. */
async function readShortLines(ch: ClickHouseClient, attempt: string, names: LogFileName[]): Promise<Map<string, { lineNo: number; line: string }[]>> {
  const rows = await (
    await ch.query({
      query: 'SELECT file_key, line_no, line FROM ingest_lines WHERE attempt = {attempt:String} AND file_key IN {keys:Array(String)} ORDER BY file_key, line_no',
      query_params: { attempt, keys: names.map((n) => `${n.fileKey}#short`) },
      format: 'JSONEachRow',
    })
  ).json<{ file_key: string; line_no: number; line: string }>();
  const byFile = new Map<string, { lineNo: number; line: string }[]>();
  for (const r of rows) {
    const key = r.file_key.slice(0, -'#short'.length);
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key)!.push({ lineNo: Number(r.line_no), line: r.line });
  }
  return byFile;
}
