import { type Catalogue, cumulative, pickCdf, popularSong, songInGenre } from './catalogue';
import { ChunkSink } from './chunk-sink';
import type { DayResult } from './day-output';
import { LineEmitter } from './line-dirt';
import { type FileCounts, type LogKind, emptyCounts } from './manifest';
import type { ResolvedOptions } from './options';
import { PlayLineMaker } from './play-values';
import type { Prng } from './prng';
import { SearchMaker } from './searches';
import { FAVS, RING, type Users } from './users';

// Listening by hour of day: quiet at night, peaking in the evening.
const HOUR_WEIGHTS = [2, 1.2, 0.8, 0.5, 0.4, 0.5, 1, 2, 3, 3.5, 3.5, 3.8, 4.5, 4.5, 4, 4, 4.2, 4.6, 5, 5.5, 6, 6, 5, 3.5];

/**
 * Simulates one day for every user. Lines go into 24 hourly buckets so that a
 * file reads roughly in time order with users' sessions interleaved, as the
 * real logs do, without sorting millions of rows.
 */
export class DaySimulator {
  private readonly hourCdf = cumulative(HOUR_WEIGHTS);
  private readonly plays: PlayLineMaker;
  private readonly searches: SearchMaker;
  private readonly emit: Record<LogKind, LineEmitter>;

  constructor(
    private readonly rng: Prng,
    private readonly cat: Catalogue,
    private readonly users: Users,
    opts: ResolvedOptions,
  ) {
    this.plays = new PlayLineMaker(rng, opts.dirt);
    this.searches = new SearchMaker(rng, cat);
    this.emit = {
      play: new LineEmitter(rng, 'play', opts.dirt),
      down: new LineEmitter(rng, 'down', opts.dirt),
      search: new LineEmitter(rng, 'search', opts.dirt),
    };
  }

  simulate(day: number, isoDate: string): DayResult {
    const { rng, users: u, cat } = this;
    const playB = Array.from({ length: 24 }, () => new ChunkSink(256 * 1024));
    const downB = Array.from({ length: 24 }, () => new ChunkSink(32 * 1024));
    const pc = emptyCounts();
    const dc = emptyCounts();
    this.searches.beginDay(isoDate);
    const hours = [0, 0, 0];

    for (let i = 0; i < u.count; i++) {
      if (u.bot[i]) {
        this.simulateBot(i, playB, pc);
        continue;
      }
      if (day < u.start[i] || day >= u.stop[i]) continue;
      if (day >= u.breakStart[i] && day < u.breakStart[i] + u.breakLen[i]) continue;
      // Activity fades linearly over the last `fade` days before the stop day.
      const toStop = u.stop[i] - day;
      const f = toStop <= u.fade[i] ? toStop / (u.fade[i] + 1) : 1;
      if (rng.float() >= u.activeProb[i] * (0.4 + 0.6 * f)) continue;
      let nPlays = rng.poisson(u.rate[i] * (0.3 + 0.7 * f));
      const nSearch = rng.poisson(u.searchRate[i] * (0.4 + 0.6 * f));
      if (nPlays === 0 && nSearch === 0) nPlays = 1;

      const sessions = nPlays > 40 ? 3 : nPlays > 10 ? 2 : 1;
      for (let s = 0; s < sessions; s++) hours[s] = pickCdf(this.hourCdf, rng.float());
      // Fading users skip more and finish fewer songs.
      const skipP = u.skip[i] + (1 - f) * 0.25;
      const fullP = u.full[i] * (0.5 + 0.5 * f);
      const two = u.twoDevice[i] === 1;
      const glitch = u.glitch[i] === 1;
      const paid = u.paid[i];

      for (let p = 0; p < nPlays; p++) {
        const hour = hours[sessions === 1 ? 0 : Math.floor((p * sessions) / nPlays)];
        const song = this.chooseSong(i);
        const liked = this.isFavourite(i, cat.genreOf[song]);
        const sp = liked ? skipP * 0.7 : Math.min(0.9, skipP * 1.6);
        const fp = Math.min(1 - sp, liked ? fullP * 1.2 : fullP * 0.55);
        const prefix = two && rng.float() < 0.4 ? u.altPrefix[i] : u.prefix[i];
        const line = this.plays.line(prefix, cat.playMid[song], cat.lengths[song], paid, sp, fp, glitch);
        this.emit.play.emit(playB[hour], line, pc);
        if (this.plays.full) {
          this.remember(i, song);
          if (rng.float() < u.downloadProb[i]) {
            this.emit.down.emit(downB[hour], prefix + cat.downMid[song] + paid + '\n', dc);
          }
        }
      }
      // Now and then a download straight from a list, without playing first.
      if (rng.float() < u.downloadProb[i] * 0.15) {
        const song = this.chooseSong(i);
        this.emit.down.emit(downB[hours[0]], u.prefix[i] + cat.downMid[song] + paid + '\n', dc);
      }
      for (let s = 0; s < nSearch; s++) {
        const hour = hours[rng.int(sessions)];
        this.searches.add(u.prefix[i], hour, this.chooseSong(i));
      }
    }
    const search = this.searches.endDay(this.emit.search);
    return {
      play: { chunks: joinBuckets(playB), counts: pc },
      down: { chunks: joinBuckets(downB), counts: dc },
      search,
    };
  }

  /** Bots hammer popular songs around the clock and rarely listen through. */
  private simulateBot(i: number, playB: ChunkSink[], pc: FileCounts): void {
    const { rng, users: u, cat } = this;
    const n = rng.poisson(u.rate[i]);
    for (let p = 0; p < n; p++) {
      const song = popularSong(cat, rng);
      const len = cat.lengths[song];
      const line = this.plays.line(u.prefix[i], cat.playMid[song], len, 0, 0.85, 0.05, false);
      this.emit.play.emit(playB[rng.int(24)], line, pc);
    }
  }

  /** Replays a remembered song, or picks a fresh one by taste or by popularity. */
  private chooseSong(i: number): number {
    const { rng, users: u, cat } = this;
    const known = u.ringLen[i];
    if (known > 0 && rng.float() < u.repeat[i]) return u.ring[i * RING + rng.int(known)];
    if (rng.float() < u.loyalty[i]) {
      const r = rng.float();
      const base = i * FAVS;
      const j = r < u.favCdf[base] ? 0 : r < u.favCdf[base + 1] ? 1 : 2;
      return songInGenre(cat, rng, u.fav[base + j]);
    }
    return popularSong(cat, rng);
  }

  private isFavourite(i: number, g: number): boolean {
    const u = this.users;
    const base = i * FAVS;
    // Only genres with weight count: favCdf stays flat past the last real favourite.
    if (u.fav[base] === g) return true;
    if (u.favCdf[base + 1] > u.favCdf[base] && u.fav[base + 1] === g) return true;
    return u.favCdf[base + 2] > u.favCdf[base + 1] && u.fav[base + 2] === g;
  }

  private remember(i: number, song: number): void {
    const u = this.users;
    u.ring[i * RING + u.ringPos[i]] = song;
    u.ringPos[i] = (u.ringPos[i] + 1) % RING;
    if (u.ringLen[i] < RING) u.ringLen[i]++;
  }
}

/** Hour buckets in order make the file. */
function joinBuckets(buckets: ChunkSink[]): Buffer[] {
  return buckets.flatMap((b) => b.finish());
}
