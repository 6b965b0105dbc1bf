import { mulberry32 } from '../../learn/random';
import type { FeatureMatrix, Labels } from '../../learn/types';

/**
 * A deterministic churn-like dataset: per-user activity counts, rates and recency with
 * a logistic ground truth that mixes linear, log, threshold and interaction effects,
 * plus pure-noise and constant columns. Base churn rate is roughly one in four.
 */
export function churnDataset(nRows: number, seed: number): { x: FeatureMatrix; y: Labels } {
  const rng = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const poisson = (mean: number): number => Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
  const names = [
    'tenure_days', 'days_since_last', 'sessions_30d', 'avg_session_min', 'songs_30d', 'thumbs_up', 'thumbs_down',
    'add_friend', 'add_playlist', 'ads_seen', 'errors', 'help_visits', 'settings_visits', 'upgrades', 'downgrades',
    'is_paid', 'is_male', 'device', 'songs_trend', 'sessions_trend', 'thumbs_down_rate', 'ads_per_song',
    'distinct_artists', 'night_share', 'weekend_share', 'skip_rate', 'noise_1', 'noise_2', 'noise_3', 'noise_4', 'constant',
  ];
  const columns = names.map(() => new Float64Array(nRows));
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const engagement = gauss();
    const tenure = Math.exp(4.5 + 0.8 * gauss());
    const daysSinceLast = Math.min(60, Math.exp(1.2 - 0.6 * engagement + 0.7 * gauss()));
    const sessions = poisson(Math.exp(2.3 + 0.5 * engagement));
    const sessionMin = Math.max(1, 25 + 8 * engagement + 10 * gauss());
    const songs = poisson(sessions * sessionMin / 3.5);
    const paid = rng() < 0.45 + 0.1 * Math.tanh(engagement) ? 1 : 0;
    const thumbsUp = poisson(songs * 0.05 * Math.exp(0.3 * gauss()));
    const thumbsDown = poisson(songs * 0.012 * Math.exp(0.5 * gauss() - 0.2 * engagement));
    const friends = poisson(1 + 2 * Math.exp(0.5 * engagement));
    const playlist = poisson(songs * 0.03);
    const ads = paid ? poisson(1) : poisson(songs * 0.08);
    const errors = poisson(0.8);
    const help = poisson(1 + errors * 0.5);
    const settings = poisson(1.5);
    const upgrades = poisson(0.2 + 0.3 * (1 - paid));
    const downgrades = poisson(0.15 + 0.2 * paid);
    const songsTrend = Math.exp(0.1 * engagement + 0.35 * gauss());
    const sessionsTrend = Math.exp(0.5 * Math.log(songsTrend) + 0.3 * gauss());
    const downRate = thumbsDown / (thumbsUp + thumbsDown + 1);
    const adsPerSong = ads / (songs + 1);
    const artists = Math.round(songs * (0.3 + 0.2 * rng()));
    const night = rng() * 0.5;
    const weekend = Math.min(1, Math.max(0, 0.3 + 0.1 * gauss()));
    const skip = Math.min(1, Math.max(0, 0.25 - 0.05 * engagement + 0.08 * gauss()));
    const row = [
      tenure, daysSinceLast, sessions, sessionMin, songs, thumbsUp, thumbsDown, friends, playlist, ads, errors, help,
      settings, upgrades, downgrades, paid, rng() < 0.5 ? 1 : 0, Math.floor(rng() * 4), songsTrend, sessionsTrend,
      downRate, adsPerSong, artists, night, weekend, skip, gauss(), gauss(), rng(), rng() * 100, 1,
    ];
    row.forEach((v, j) => (columns[j][i] = v));
    const z =
      -2.3 +
      0.06 * daysSinceLast -
      0.45 * Math.log1p(thumbsUp) +
      4 * downRate +
      (paid ? 0 : 6 * adsPerSong) -
      0.35 * Math.log1p(friends) +
      0.9 * downgrades -
      0.4 * upgrades -
      1.2 * Math.log(songsTrend) +
      (tenure < 40 ? 0.8 : 0) +
      0.25 * help +
      1.5 * skip * (1 - paid) +
      0.4 * gauss();
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x: { nRows, names, columns }, y };
}
