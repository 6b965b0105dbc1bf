import type { ChunkSink } from './chunk-sink';
import type { DirtRates } from './options';
import { cumulative, type Prng } from './prng';
import { type FileCounts, type LogKind, EXPECTED_FIELDS } from './manifest';

/**
 * Line-level dirt: every record passes through {@link LineEmitter.emit}, which
 * usually appends it untouched and occasionally damages it the way the real
 * logs are damaged. Each outcome is counted at the moment it is decided, so
 * the manifest is exact by construction rather than re-derived.
 */
export class LineEmitter {
  private readonly cut: Float64Array;
  private readonly total: number;

  constructor(
    private readonly rng: Prng,
    readonly kind: LogKind,
    dirt: DirtRates,
  ) {
    // Cumulative thresholds of one uniform draw, so a clean line costs one draw.
    const rates = [
      dirt.blankLine,
      dirt.leadingTab,
      dirt.trailingTab,
      dirt.emptyRun,
      kind === 'down' ? dirt.splitDown : 0,
      dirt.rejectLine,
    ];
    this.cut = cumulative(rates);
    this.total = rates.length ? this.cut[rates.length - 1] : 0;
  }

  /** Appends `line` (ending in `\n`) to `out`, possibly damaged. */
  emit(out: ChunkSink, line: string, c: FileCounts): void {
    const r = this.total > 0 ? this.rng.float() : 1;
    if (r >= this.total) {
      out.push(line);
      c.lines++;
      c.clean++;
      return;
    }
    const cut = this.cut;
    const body = line.slice(0, -1);
    if (r < cut[0]) {
      // A blank line sneaks in before an intact record.
      out.push('\n');
      out.push(line);
      c.lines += 2;
      c.blank++;
      c.clean++;
    } else if (r < cut[1]) {
      out.push('\t' + line);
      c.lines++;
      c.repairedEdge++;
    } else if (r < cut[2]) {
      out.push(body + '\t\n');
      c.lines++;
      c.repairedEdge++;
    } else if (r < cut[3]) {
      const at = body.lastIndexOf('\t');
      out.push(body.slice(0, at) + '\t'.repeat(2 + this.rng.int(5)) + body.slice(at) + '\n');
      c.lines++;
      c.repairedEdge++;
    } else if (r < cut[4]) {
      // The record breaks right after song_name, as in the samples: the
      // second physical line starts with the tab that preceded singer.
      const at = nthTab(body, 4);
      out.push(body.slice(0, at) + '\n' + body.slice(at) + '\n');
      c.lines += 2;
      c.repairedSplit++;
    } else {
      out.push(this.reject(body) + '\n');
      c.lines++;
      c.rejected++;
    }
  }

  /**
   * A line no ingester can repair. Every variant stays unambiguous whatever
   * empty fields the record holds: extras are non-empty, truncation leaves a
   * line that does not start with a tab, and uid/device damage keeps the
   * field count.
   */
  private reject(body: string): string {
    const v = this.rng.int(4);
    const firstTab = body.indexOf('\t');
    if (v === 0) {
      const junk = ['null', '-', 'uid', 'NaN'][this.rng.int(4)];
      return junk + body.slice(firstTab);
    }
    if (v === 1) {
      const second = body.indexOf('\t', firstTab + 1);
      const dev = ['pc', 'wp', 'web'][this.rng.int(3)];
      return body.slice(0, firstTab + 1) + dev + body.slice(second);
    }
    if (v === 2) return body + '\t(223.104.12.' + this.rng.int(256) + ')';
    const keep = 2 + this.rng.int(EXPECTED_FIELDS[this.kind] - 3);
    return body.slice(0, nthTab(body, keep));
  }
}

/** Index of the n-th tab (1-based). */
function nthTab(s: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = s.indexOf('\t', at + 1);
  return at;
}
