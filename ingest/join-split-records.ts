/** A physical line that has fewer fields than its kind needs. */
export interface ShortLine {
  lineNo: number;
  line: string;
}

export interface JoinedRecord {
  /** Line number of the record's first physical line. */
  lineNo: number;
  line: string;
}

export interface JoinResult {
  joined: JoinedRecord[];
  /** Short lines that no neighbour completes. */
  unjoined: ShortLine[];
}

/**
 * Rebuilds records broken over two physical lines (a newline inside a field): a short line
 * followed directly by a short line that starts with a tab, whose field counts add up to the
 * expected count (the break sits inside one field, so the two lines share one field).
 */
export function joinSplitRecords(lines: readonly ShortLine[], expected: number): JoinResult {
  const sorted = [...lines].sort((a, b) => a.lineNo - b.lineNo);
  const joined: JoinedRecord[] = [];
  const unjoined: ShortLine[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i];
    const next = sorted[i + 1];
    if (next && next.lineNo === first.lineNo + 1 && next.line.startsWith('\t') && fieldCount(first.line) + fieldCount(next.line) - 1 === expected) {
      joined.push({ lineNo: first.lineNo, line: first.line + next.line });
      i++;
    } else {
      unjoined.push(first);
    }
  }
  return { joined, unjoined };
}

function fieldCount(line: string): number {
  let n = 1;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 9) n++;
  return n;
}
