import type { Catalogue } from './catalogue';
import { ChunkSink } from './chunk-sink';
import { clockTable } from './dates';
import type { LineEmitter } from './line-dirt';
import { type FileCounts, emptyCounts } from './manifest';
import type { DayOutput } from './day-output';
import { GENERIC_QUERIES, encodeQuery } from './names';
import type { Prng } from './prng';

const CLOCK = clockTable();

/**
 * Search lines of one day. Unlike plays they carry a timestamp, and the real
 * file is in timestamp order, so they are collected with their second of day
 * and sorted once at the end of the day (they are a small share of rows).
 */
export class SearchMaker {
  private date = '';
  private secs: number[] = [];
  private lines: string[] = [];

  constructor(
    private readonly rng: Prng,
    private readonly cat: Catalogue,
  ) {}

  beginDay(isoDate: string): void {
    this.date = isoDate;
    this.secs = [];
    this.lines = [];
  }

  /** A search in the given hour for something related to `song`. */
  add(prefix: string, hour: number, song: number): void {
    const { rng, cat } = this;
    const r = rng.float();
    let q: string;
    if (r < 0.55) q = cat.names[song];
    else if (r < 0.7) q = cat.singers[song];
    else if (r < 0.85) q = `${cat.names[song]}  ${cat.singers[song]}`;
    else q = GENERIC_QUERIES[rng.int(GENERIC_QUERIES.length)];
    let sec = hour * 3600 + rng.int(3600);
    const text = '\t' + encodeQuery(rng, q) + '\n';
    // Clients re-send a search a few times within seconds; the logs keep the repeats.
    const copies = rng.float() < 0.12 ? 2 + rng.int(3) : 1;
    for (let c = 0; c < copies; c++) {
      this.secs.push(sec);
      this.lines.push(prefix + '\t' + this.date + ' ' + CLOCK[sec] + text);
      sec = Math.min(86_399, sec + rng.int(20));
    }
  }

  /** Emits the day's searches in timestamp order through the dirt emitter. */
  endDay(emitter: LineEmitter): DayOutput {
    const n = this.secs.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const secs = this.secs;
    // Ties keep insertion order (typed-array sort is not guaranteed stable,
    // so the index breaks ties), which keeps files byte-identical per seed.
    order.sort((a, b) => secs[a] - secs[b] || a - b);
    const counts: FileCounts = emptyCounts();
    const out = new ChunkSink();
    for (let i = 0; i < n; i++) emitter.emit(out, this.lines[order[i]], counts);
    this.secs = [];
    this.lines = [];
    return { chunks: out.finish(), counts };
  }
}
