import type { CleaningCounts, IngestDay, LabelCounts, ProbabilityBin, RejectReason } from '../../report/report-data';
import { PROBABILITY_BINS } from '../../report/report-data';
import type { Rows } from './rows';

function rowsOfRun<T>(rows: Rows, query: string, runId: string): Promise<T[]> {
  return rows<T>(query, { run_id: runId, bins: PROBABILITY_BINS });
}

/** The last day a run read: its label window's end (the scoring snapshot reads up to the latest ingested day). */
const RUN_RANGE_END = `(SELECT max(range_end) FROM run_cleaning_report WHERE run_id = {run_id:String})`;

/** Lines loaded (clean and repaired) and rejected per day and kind, for the days the run could read. */
export async function readIngestDays(rows: Rows, runId: string): Promise<IngestDay[]> {
  const r = await rowsOfRun<{ day: string; kind: string; n_loaded: string; n_repaired: string; n_rejected: string }>(
    rows,
    `SELECT toString(date) AS day, kind, sum(loaded) AS n_loaded, sum(repaired) AS n_repaired, sum(rejected) AS n_rejected
     FROM ingested_files FINAL WHERE date <= ${RUN_RANGE_END} GROUP BY date, kind ORDER BY date, kind`,
    runId,
  );
  return r.map((d) => ({ date: d.day, kind: d.kind, loaded: Number(d.n_loaded), repaired: Number(d.n_repaired), rejected: Number(d.n_rejected) }));
}

/** Why lines were rejected, most frequent first. */
export async function readRejectReasons(rows: Rows, runId: string): Promise<RejectReason[]> {
  const r = await rowsOfRun<{ reason: string; lines: string }>(
    rows,
    `SELECT reason, count() AS lines FROM rejects WHERE date <= ${RUN_RANGE_END} GROUP BY reason ORDER BY lines DESC, reason`,
    runId,
  );
  return r.map((x) => ({ reason: x.reason, lines: Number(x.lines) }));
}

/** The training stage's thresholds and counts, or undefined when the run never built features. */
export async function readCleaning(rows: Rows, runId: string): Promise<CleaningCounts | undefined> {
  const [r] = await rowsOfRun<Record<string, string | number>>(
    rows,
    `SELECT toString(window_start) AS window_start, toString(snapshot_date) AS snapshot_date, toString(range_end) AS range_end,
            users, bot_threshold, bots, members, dropped_null_length, l99, mean_len, replaced_length, dropped_long_length,
            t99, mean_play, replaced_play_time, dropped_long_play_time, kept_plays
     FROM run_cleaning_report WHERE run_id = {run_id:String} AND stage = 'training' LIMIT 1`,
    runId,
  );
  if (!r) return undefined;
  const n = (k: string) => Number(r[k]);
  return {
    windowStart: String(r.window_start),
    snapshotDate: String(r.snapshot_date),
    rangeEnd: String(r.range_end),
    thresholds: { l99: n('l99'), meanLen: n('mean_len'), t99: n('t99'), meanPlay: n('mean_play'), botThreshold: n('bot_threshold') },
    users: n('users'),
    bots: n('bots'),
    members: n('members'),
    droppedNullLength: n('dropped_null_length'),
    replacedLength: n('replaced_length'),
    droppedLongLength: n('dropped_long_length'),
    replacedPlayTime: n('replaced_play_time'),
    droppedLongPlayTime: n('dropped_long_play_time'),
    keptPlays: n('kept_plays'),
  };
}

/** Labelled members and churners of the training snapshot. */
export async function readLabels(rows: Rows, runId: string): Promise<LabelCounts> {
  const [r] = await rowsOfRun<{ members: string; churners: string }>(
rows, 'SELECT count() AS members, sum(label) AS churners FROM run_labels WHERE run_id = {run_id:String}', runId);
  return { members: Number(r.members), churners: Number(r.churners) };
}

/** Scored users per churn-probability bin of width 1/PROBABILITY_BINS (a probability of 1 counts in the last bin). */
export async function readProbabilityBins(rows: Rows, runId: string): Promise<ProbabilityBin[]> {
  const r = await rowsOfRun<{ bin: string; users: string }>(
    rows,
    `SELECT least(toUInt32(floor(probability * {bins:UInt32})), {bins:UInt32} - 1) AS bin, count() AS users
     FROM churn_scores WHERE run_id = {run_id:String} GROUP BY bin ORDER BY bin`,
    runId,
  );
  const byBin = new Map(r.map((x) => [Number(x.bin), Number(x.users)]));
  return Array.from({ length: PROBABILITY_BINS }, (_, i) => ({ from: i / PROBABILITY_BINS, to: (i + 1) / PROBABILITY_BINS, users: byBin.get(i) ?? 0 }));
}
