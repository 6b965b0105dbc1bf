import type { IngestLogsResult } from '../messages/activities';

/** Prints per-file counts (lines read, loaded, repaired, rejected) and every problem with what to do. */
export function printIngest(result: IngestLogsResult, print: (line: string) => void = console.log): void {
  const rows = result.outcomes.filter((o) => o.counts);
  if (rows.length) {
    print('  file                          lines     loaded   repaired   rejected   blank');
    for (const o of rows) {
      const c = o.counts!;
      print(`  ${(o.fileKey ?? o.file).padEnd(28)} ${pad(c.lines, 8)} ${pad(c.loaded, 10)} ${pad(c.repaired, 10)} ${pad(c.rejected, 10)} ${pad(c.blank, 7)}`);
    }
  }
  for (const o of result.outcomes.filter((x) => x.status === 'failed' || x.status === 'changed')) print(`  ! ${o.file}: ${o.message}`);
  // Notes on files that are fine (waited for, repaired) are often the same for many: one line each.
  const notes = new Map<string, string[]>();
  for (const o of result.outcomes.filter((x) => (x.status === 'loaded' || x.status === 'unchanged') && x.message)) notes.set(o.message!, [...(notes.get(o.message!) ?? []), o.fileKey ?? o.file]);
  for (const [message, files] of notes) print(`  · ${files.length > 3 ? `${files.length} files (${files.slice(0, 2).join(', ')}, …)` : files.join(', ')}: ${message}`);
  if (result.outcomesTruncated) print('  … more files: see the ingested_files table');
  print(
    `ingest: ${result.files} files (${result.loadedFiles} loaded, ${result.unchangedFiles} already ingested, ${result.problemFiles} with problems); ` +
      `${result.lines} lines read → ${result.loaded} rows loaded (${result.repaired} repaired), ${result.rejected} rejected, ${result.blank} blank`,
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}
