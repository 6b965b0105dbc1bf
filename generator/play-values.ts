import type { DirtRates } from './options';
import { cumulative, type Prng } from './prng';

/**
 * Builds play lines: how much of the song was heard, and the value-level
 * dirt (missing ids, `nan`, negative or absurd times, zero lengths) that
 * leaves the line loadable but odd. At most one value defect per line.
 */
export class PlayLineMaker {
  /** Whether the last play reached 80 % of the song (before any dirt). */
  full = false;
  private readonly cut: Float64Array;
  private readonly total: number;

  constructor(
    private readonly rng: Prng,
    private readonly dirt: DirtRates,
  ) {
    const rates = [
      dirt.emptySongId,
      dirt.badSongId,
      dirt.emptyPlayTime,
      dirt.nanPlayTime,
      dirt.negativePlayTime,
      dirt.zeroSongLength,
      dirt.negativeSongLength,
      dirt.msPlayTime,
      dirt.hugePlayTime,
      dirt.hugeSongLength,
    ];
    this.cut = cumulative(rates);
    this.total = rates.length ? this.cut[rates.length - 1] : 0;
  }

  /**
   * One play line. `skipP` and `fullP` are this play's chances of a skip
   * (< 20 % heard) and of a full play; the rest lands in between.
   */
  line(prefix: string, mid: string, len: number, paid: number, skipP: number, fullP: number, glitch: boolean): string {
    const rng = this.rng;
    if (glitch && rng.chance(this.dirt.glitchPlayRate)) {
      // The glitching client loses the id and both times together, as the seed observed.
      this.full = false;
      return prefix + '\t' + mid.slice(mid.indexOf('\t', 1)) + '\t\t' + paid + '\n';
    }
    let pt: number;
    const r = rng.float();
    if (r < skipP) {
      pt = Math.floor(rng.float() * 0.2 * len);
    } else if (r < skipP + fullP) {
      // Most full plays log the exact length; a few loop past the end.
      const v = rng.float();
      pt = v < 0.7 ? len : v < 0.97 ? len - 1 - rng.int(3) : Math.round(len * (1 + 2 * rng.float()));
    } else {
      pt = Math.round(len * (0.2 + 0.75 * rng.float()));
    }
    this.full = pt >= 0.8 * len;
    if (this.total === 0 || rng.float() >= this.total) {
      return prefix + mid + pt + '\t' + len + '\t' + paid + '\n';
    }
    let ptS = String(pt);
    let lenS = String(len);
    let m = mid;
    const cut = this.cut;
    const d = rng.float() * this.total;
    if (d < cut[0]) m = '\t' + mid.slice(mid.indexOf('\t', 1));
    else if (d < cut[1]) m = (rng.float() < 0.7 ? '\t0' : '\t-1') + mid.slice(mid.indexOf('\t', 1));
    else if (d < cut[2]) ptS = '';
    else if (d < cut[3]) ptS = 'nan';
    else if (d < cut[4]) ptS = rng.float() < 0.5 ? '-1' : (-rng.float() * 0.05).toFixed(9);
    else if (d < cut[5]) lenS = '0';
    else if (d < cut[6]) lenS = '-1';
    else if (d < cut[7]) ptS = String(pt * 1000 + rng.int(1000));
    else if (d < cut[8]) ptS = String(Math.round(Math.pow(10, 6 + 2 * rng.float())));
    else lenS = String(rng.float() < 0.6 ? len * 1000 + rng.int(1000) : Math.round(Math.pow(10, 6 + rng.float())));
    return prefix + m + ptS + '\t' + lenS + '\t' + paid + '\n';
  }
}
