import fs from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { ProfileActivityInput } from '../../messages/activities';
import type { ActivityProfile } from '../../messages/pipeline';
import { artifactPath, type TrainingDeps } from '../deps';

/**
 * Reads the run's per-user activity export into typed arrays and profiles it: the distribution of
 * plays per user (bots show up in the tail), engagement, and how many users download at all.
 */
export function createProfileActivity({ artifactsDir }: TrainingDeps) {
  return async function profileActivity(raw: ProfileActivityInput): Promise<ActivityProfile> {
    const { artifact } = ProfileActivityInput.parse(raw);
    const table = tableFromIPC(fs.readFileSync(artifactPath(artifactsDir, artifact)));
    const plays = Float64Array.from(table.getChild('plays')?.toArray() ?? []);
    const downloads = table.getChild('downloads')?.toArray() as Uint32Array;
    const searches = table.getChild('searches')?.toArray() as Uint32Array;
    const activeDays = table.getChild('active_days')?.toArray() as Uint16Array;
    return profileUsers(plays, downloads, searches, activeDays);
  };
}

/** Pure summary of per-user activity columns. Percentiles use linear interpolation (numpy's default). */
export function profileUsers(plays: Float64Array, downloads: ArrayLike<number>, searches: ArrayLike<number>, activeDays: ArrayLike<number>): ActivityProfile {
  const n = plays.length;
  let events = 0;
  let days = 0;
  let withDownloads = 0;
  for (let i = 0; i < n; i++) {
    events += plays[i] + downloads[i] + searches[i];
    days += activeDays[i];
    if (downloads[i] > 0) withDownloads++;
  }
  const sorted = Float64Array.from(plays).sort();
  return {
    users: n,
    events,
    medianPlays: quantile(sorted, 0.5),
    p99Plays: quantile(sorted, 0.99),
    meanActiveDays: n ? days / n : 0,
    shareWithDownloads: n ? withDownloads / n : 0,
  };
}

/** Linear-interpolation quantile of an ascending array (numpy's default, ClickHouse's quantileExactInclusive). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
