import { songName, singerName } from './names';
import type { Prng } from './prng';

/**
 * The song catalogue. Songs belong to genres (taste clusters); within a genre
 * songs are ordered by popularity rank, so drawing a Zipf rank inside a genre
 * gives both global long-tail popularity and cluster structure that
 * collaborative filtering can exploit and a popularity list cannot.
 */
export interface Catalogue {
  size: number;
  genres: number;
  /** Song id as logged. */
  ids: Int32Array;
  /** Length in seconds. */
  lengths: Int32Array;
  /** Genre of each song. */
  genreOf: Uint8Array;
  /** `songsByGenre[g][rank]` = song index, most popular first. */
  songsByGenre: Int32Array[];
  /** Cumulative genre weights, for picking a genre by overall popularity. */
  genreCdf: Float64Array;
  names: string[];
  singers: string[];
  /** `\t<song_id>\t<song_type>\t<name>\t<singer>\t` — the middle of a play line. */
  playMid: string[];
  /** `\t<song_id>\t<name>\t<singer>\t` — the middle of a download line. */
  downMid: string[];
}

/** Number of taste clusters; enough that users' tastes differ clearly. */
const GENRES = 24;

export function buildCatalogue(rng: Prng, size: number): Catalogue {
  const genres = GENRES;
  const genreWeights = new Float64Array(genres);
  // Genres differ in size and appeal (a few mainstream, many niche).
  for (let g = 0; g < genres; g++) genreWeights[g] = 1 / Math.pow(g + 1, 0.7);
  const genreCdf = cumulative(genreWeights);

  const singersPerGenre: string[][] = [];
  const singersEach = Math.max(3, Math.round(size / genres / 12));
  for (let g = 0; g < genres; g++) {
    const pool: string[] = [];
    for (let i = 0; i < singersEach; i++) pool.push(singerName(rng));
    singersPerGenre.push(pool);
  }

  const ids = new Int32Array(size);
  const lengths = new Int32Array(size);
  const genreOf = new Uint8Array(size);
  const names: string[] = new Array(size);
  const singers: string[] = new Array(size);
  const playMid: string[] = new Array(size);
  const downMid: string[] = new Array(size);
  const used = new Set<number>();
  const members: number[][] = Array.from({ length: genres }, () => []);

  for (let s = 0; s < size; s++) {
    let id: number;
    // Real ids span 5 to 8 digits; older songs have small ids.
    do {
      id = rng.float() < 0.3 ? 10_000 + rng.int(990_000) : 1_000_000 + rng.int(23_500_000);
    } while (used.has(id));
    used.add(id);
    ids[s] = id;
    const g = pickCdf(genreCdf, rng.float());
    genreOf[s] = g;
    members[g].push(s);
    const ringtone = rng.float() < 0.04;
    const len = ringtone ? 15 + rng.int(25) : Math.round(Math.min(1200, Math.max(45, rng.logNormal(235, 0.3))));
    lengths[s] = len;
    names[s] = songName(rng, ringtone, len);
    // Popular singers of a genre sing most of its songs.
    singers[s] = singersPerGenre[g][rng.zipf(singersEach)];
    const type = rng.float() < 0.88 ? 0 : rng.float() < 0.92 ? 1 : 2;
    playMid[s] = `\t${id}\t${type}\t${names[s]}\t${singers[s]}\t`;
    downMid[s] = `\t${id}\t${names[s]}\t${singers[s]}\t`;
  }
  // Guarantee every genre has at least one song, so sampling never hits an empty genre.
  for (let g = 0; g < genres; g++) {
    if (members[g].length === 0) members[g].push(rng.int(size));
  }
  const songsByGenre = members.map((m) => Int32Array.from(m));
  return { size, genres, ids, lengths, genreOf, songsByGenre, genreCdf, names, singers, playMid, downMid };
}

/** Draws a song of genre g by Zipf rank. */
export function songInGenre(cat: Catalogue, rng: Prng, g: number): number {
  const list = cat.songsByGenre[g];
  return list[rng.zipf(list.length)];
}

/** Draws a song by overall popularity (genre by weight, then rank). */
export function popularSong(cat: Catalogue, rng: Prng): number {
  return songInGenre(cat, rng, pickCdf(cat.genreCdf, rng.float()));
}

export function cumulative(weights: ArrayLike<number>): Float64Array {
  const cdf = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] / total;
    cdf[i] = acc;
  }
  cdf[weights.length - 1] = 1;
  return cdf;
}

/** Index of the first cdf entry above u (linear: the tables here are short). */
export function pickCdf(cdf: Float64Array, u: number): number {
  for (let i = 0; i < cdf.length; i++) if (u < cdf[i]) return i;
  return cdf.length - 1;
}
