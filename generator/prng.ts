/**
 * Seeded pseudo-random numbers for the log generator.
 *
 * xoshiro128** is used because it is fast in pure 32-bit integer arithmetic
 * (no BigInt, no allocation per draw) and has good statistical quality; the
 * generator draws tens of millions of numbers per run, so `Math.random` (not
 * seedable) and heavier generators are both ruled out. The same seed always
 * yields the same sequence, which is what makes generated files byte-identical.
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Cached second value of the Box–Muller pair, NaN when empty. */
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the 128-bit state, so that
    // seeds 1 and 2 give unrelated streams and the state is never all zero.
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Next raw 32-bit value as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotl(n3, 11);
    return r >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  /** Standard normal draw (Box–Muller, pairs cached). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal draw with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /**
   * Poisson draw. Knuth's product method for small means; a rounded normal
   * for large ones, where its cost would grow with the mean (bots draw
   * thousands of plays a day).
   */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) {
      const v = Math.round(mean + Math.sqrt(mean) * this.normal());
      return v < 0 ? 0 : v;
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /**
   * Rank in [0, n) with probability roughly proportional to 1/(rank+1):
   * the inverse CDF of the continuous 1/x law, which needs no table and is
   * close enough to Zipf (s = 1) for song popularity.
   */
  zipf(n: number): number {
    const r = Math.floor(Math.exp(this.float() * Math.log(n + 1))) - 1;
    return r >= n ? n - 1 : r < 0 ? 0 : r;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Running sums of per-outcome rates: a uniform draw below cut[i] (and at or above cut[i−1]) picks outcome i. */
export function cumulative(rates: readonly number[]): Float64Array {
  const cut = new Float64Array(rates.length);
  let acc = 0;
  for (let i = 0; i < rates.length; i++) cut[i] = acc += rates[i];
  return cut;
}
