/** The kind of event a raw log holds, as the `event` column stores it. */
export type EventKind = 'P' | 'D' | 'S';

const KINDS: Record<string, EventKind> = { play: 'P', down: 'D', search: 'S' };

/** Number of tab-separated fields of a well-formed line of each kind. */
export const EXPECTED_FIELDS: Record<EventKind, number> = { P: 9, D: 6, S: 4 };

export interface LogFileName {
  /** `YYYY-MM-DD`, the date of every row of the file. */
  date: string;
  part: number;
  kind: EventKind;
  /** Identity of the file's content across compressions: `YYYYMMDD_N_kind.log`. */
  fileKey: string;
  compression: 'none' | 'gzip' | 'tar.gz';
}

const PATTERN = /^(\d{4})(\d{2})(\d{2})_(\d+)_(play|down|search)\.log(\.gz|\.tar\.gz)?$/;

/**
 * Parses a raw log's file name (`YYYYMMDD_N_play.log`, `…_down.log`, `…_search.log`, plain,
 * `.gz` or `.tar.gz`). Returns a reason instead when the name does not fit or the date is not real.
 */
export function parseLogFileName(name: string): LogFileName | { error: string } {
  const m = PATTERN.exec(name);
  if (!m) return { error: 'name is not YYYYMMDD_N_{play,down,search}.log[.gz|.tar.gz]' };
  const [, y, mo, d, part, kind, ext] = m;
  const date = `${y}-${mo}-${d}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return { error: `${y}${mo}${d} is not a valid date` };
  }
  return {
    date,
    part: Number(part),
    kind: KINDS[kind],
    fileKey: `${y}${mo}${d}_${part}_${kind}.log`,
    compression: ext === '.gz' ? 'gzip' : ext === '.tar.gz' ? 'tar.gz' : 'none',
  };
}
