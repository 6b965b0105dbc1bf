import type { DirtRates } from './options';
import type { Prng } from './prng';

/** Songs a user remembers having enjoyed, replayed later (a personal repertoire). */
export const RING = 16;
/** Favourite genres per user. */
export const FAVS = 3;
/** Stop day of a user who never churns. */
export const NEVER = 0x3fffffff;

/**
 * The user population as parallel typed arrays (struct-of-arrays): the day
 * loop touches every user every day, and typed arrays keep that loop free of
 * per-user object access and garbage.
 */
export interface Users {
  count: number;
  uid: Uint32Array;
  /** `uid\tdevice` of the user's main device, the start of every line. */
  prefix: string[];
  /** `uid\tdevice` of the other device, used by two-device users. */
  altPrefix: string[];
  twoDevice: Uint8Array;
  bot: Uint8Array;
  /** Client that sometimes logs plays without song_id, play_time and song_length. */
  glitch: Uint8Array;
  paid: Uint8Array;
  /** Will stop using the service (the stop day may fall after the range). */
  churner: Uint8Array;
  /** First day the user may be active (new users join mid-range). */
  start: Int32Array;
  /** First day the user is gone for good; NEVER for loyal users. */
  stop: Int32Array;
  /** Days over which activity fades before the stop day. */
  fade: Uint8Array;
  /** A break (holiday) of loyal users: inactive on [breakStart, breakStart + breakLen). */
  breakStart: Int32Array;
  breakLen: Uint8Array;
  /** Mean plays per active day. */
  rate: Float32Array;
  /** Probability of being active on a day while alive. */
  activeProb: Float32Array;
  searchRate: Float32Array;
  /** Probability of downloading a song after playing it through. */
  downloadProb: Float32Array;
  /** Base shares of skips (< 20 %) and full plays. */
  skip: Float32Array;
  full: Float32Array;
  /** Probability a fresh pick comes from the favourite genres. */
  loyalty: Float32Array;
  /** Probability a play replays a song from the repertoire. */
  repeat: Float32Array;
  /** Favourite genres (FAVS per user) and their cumulative weights. */
  fav: Uint8Array;
  favCdf: Float32Array;
  ring: Int32Array;
  ringLen: Uint8Array;
  ringPos: Uint8Array;
}

/** Share of users that will churn at some point (stop days spread past the range). */
const CHURNER_SHARE = 0.68;
/** Share of users that join after the first day. */
const NEW_USER_SHARE = 0.12;
/** Median plays per active day of an average user. */
const MEDIAN_RATE = 5.4;

export function buildUsers(rng: Prng, n: number, days: number, genres: number, dirt: DirtRates): Users {
  const u: Users = {
    count: n,
    uid: new Uint32Array(n),
    prefix: new Array<string>(n),
    altPrefix: new Array<string>(n),
    twoDevice: new Uint8Array(n),
    bot: new Uint8Array(n),
    glitch: new Uint8Array(n),
    paid: new Uint8Array(n),
    churner: new Uint8Array(n),
    start: new Int32Array(n),
    stop: new Int32Array(n),
    fade: new Uint8Array(n),
    breakStart: new Int32Array(n).fill(NEVER),
    breakLen: new Uint8Array(n),
    rate: new Float32Array(n),
    activeProb: new Float32Array(n),
    searchRate: new Float32Array(n),
    downloadProb: new Float32Array(n),
    skip: new Float32Array(n),
    full: new Float32Array(n),
    loyalty: new Float32Array(n),
    repeat: new Float32Array(n),
    fav: new Uint8Array(n * FAVS),
    favCdf: new Float32Array(n * FAVS),
    ring: new Int32Array(n * RING),
    ringLen: new Uint8Array(n),
    ringPos: new Uint8Array(n),
  };
  const used = new Set<number>();
  const botCount = dirt.botShare > 0 ? Math.max(1, Math.round(n * dirt.botShare)) : 0;
  // Horizon of stop days: past the range, so some churners are still active at the end.
  const horizon = Math.max(3, Math.round(days * 1.25));

  for (let i = 0; i < n; i++) {
    u.uid[i] = drawUid(rng, used);
    const ar = rng.float() < 0.82;
    u.prefix[i] = `${u.uid[i]}\t${ar ? 'ar' : 'ip'}`;
    u.altPrefix[i] = `${u.uid[i]}\t${ar ? 'ip' : 'ar'}`;
    u.twoDevice[i] = rng.chance(dirt.twoDeviceShare) ? 1 : 0;
    u.glitch[i] = rng.chance(dirt.glitchUserShare) ? 1 : 0;
    u.paid[i] = rng.float() < 0.01 ? 1 : 0;

    const churner = rng.float() < CHURNER_SHARE;
    u.churner[i] = churner ? 1 : 0;
    u.start[i] = days > 1 && rng.float() < NEW_USER_SHARE ? 1 + rng.int(days - 1) : 0;
    u.stop[i] = churner ? u.start[i] + 2 + rng.int(Math.max(1, horizon - 2)) : NEVER;
    u.fade[i] = 3 + rng.int(10);
    if (!churner && rng.float() < 0.25) {
      u.breakStart[i] = rng.int(days);
      u.breakLen[i] = 5 + rng.int(16);
    }

    // One latent engagement level drives both how much and how regularly a
    // user listens; churners are somewhat less engaged, which is a signal a
    // model should pick up beside recency.
    const z = rng.normal() - (churner ? 0.3 : 0);
    u.rate[i] = clamp(MEDIAN_RATE * Math.exp(1.15 * z), 0.3, 400);
    u.activeProb[i] = clamp(sigmoid(-0.3 + 0.9 * z + 1.0 * rng.normal()), 0.03, 0.97);
    u.searchRate[i] = clamp(u.rate[i] * 0.07 * rng.logNormal(1, 0.6), 0.01, 40);
    u.downloadProb[i] = clamp(rng.logNormal(0.11, 0.8), 0, 0.7);
    u.skip[i] = clamp(0.36 + 0.14 * rng.normal() + (churner ? 0.07 : 0), 0.03, 0.85);
    u.full[i] = clamp(0.38 + 0.13 * rng.normal() - (churner ? 0.05 : 0), 0.05, 0.95 - u.skip[i]);
    u.loyalty[i] = 0.6 + 0.35 * rng.float();
    u.repeat[i] = 0.1 + 0.4 * rng.float();

    // One to three favourite genres with decreasing weight.
    const k = 1 + rng.int(FAVS);
    let acc = 0;
    const w = [1, 0.5, 0.3];
    const total = w.slice(0, k).reduce((a, b) => a + b, 0);
    for (let j = 0; j < FAVS; j++) {
      u.fav[i * FAVS + j] = rng.int(genres);
      acc += j < k ? w[j] / total : 0;
      u.favCdf[i * FAVS + j] = j === FAVS - 1 ? 1 : acc;
    }
  }

  // Bots: a handful of established accounts that play all day, every day.
  for (let b = 0; b < Math.min(botCount, n); b++) {
    let i = rng.int(n);
    while (u.bot[i]) i = rng.int(n);
    u.bot[i] = 1;
    u.churner[i] = 0;
    u.start[i] = 0;
    u.stop[i] = NEVER;
    u.breakStart[i] = NEVER;
    u.rate[i] = Math.pow(10, 4 + rng.float()) / 44;
    u.activeProb[i] = 1;
    u.searchRate[i] = 2;
    u.downloadProb[i] = 0;
    u.twoDevice[i] = 0;
  }
  return u;
}

function drawUid(rng: Prng, used: Set<number>): number {
  for (;;) {
    const r = rng.float();
    // Most accounts are recent 9-digit ids; older accounts have shorter ones.
    const uid =
      r < 0.85 ? 160_000_000 + rng.int(9_600_000) : r < 0.95 ? 10_000_000 + rng.int(90_000_000) : 100_000 + rng.int(9_900_000);
    if (!used.has(uid)) {
      used.add(uid);
      return uid;
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
