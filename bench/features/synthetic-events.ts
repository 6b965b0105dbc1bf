import type { ClickHouseClient } from '@clickhouse/client';

export interface SyntheticEventsOptions {
  /** Distinct users (before skew). */
  users: number;
  events: number;
  /** First date, YYYY-MM-DD. */
  startDate: string;
  days: number;
  seed: number;
}

/**
 * Fills `events` with a deterministic synthetic log generated in SQL from numbers() and hashes:
 * skewed activity (a few bot-like heavy users), ~35 % of users stop early (churners), 80 % plays,
 * 6 % downloads, 14 % searches, and dirty values in the proportions cleaning must handle
 * (NULL, zero, negative and huge lengths and play times; NULL, 0 song ids).
 */
export async function fillSyntheticEvents(ch: ClickHouseClient, o: SyntheticEventsOptions): Promise<void> {
  await ch.command({
    query: `
INSERT INTO events (date, uid, event, device, song_id, play_time, song_length, raw_song_id, raw_play_time,
                    raw_song_length, song_type, song_name, singer, paid_flag, search_time, search_query, file_key, line_no, repaired)
SELECT date, uid, event, device, song_id, play_time, song_length, '', '', '', '', '', '', '', '', '',
       concat(toString(date), '_', toString(event)), toUInt32(n % 4294967296), ''
FROM
(
    SELECT
        number AS n,
        toUInt64(floor(pow((cityHash64(n, {seed:UInt64}, 1) % 1000000) / 1e6, 2) * {users:UInt64})) AS user_idx,
        1000000 + user_idx * 7 AS uid,
        cityHash64(user_idx, {seed:UInt64}, 2) AS uh,
        uh % 20 AS first_day,
        if(uh % 100 < 35, least(first_day + (intDiv(uh, 256) % 30), {days:UInt32} - 1), {days:UInt32} - 1) AS last_day,
        toDate({start:String}) + toUInt32(first_day + cityHash64(n, {seed:UInt64}, 3) % (last_day - first_day + 1)) AS date,
        cityHash64(n, {seed:UInt64}, 4) AS h,
        CAST(multiIf(h % 100 < 80, 'P', h % 100 < 86, 'D', 'S') AS Enum8('P' = 1, 'D' = 2, 'S' = 3)) AS event,
        if((intDiv(uh, 65536) % 3 = 0) != (intDiv(h, 100) % 10 = 0), 'ip', 'ar') AS device,
        intDiv(h, 1000) % 1000 AS r1,
        intDiv(h, 1000000) % 1000 AS r2,
        intDiv(h, 1000000000) % 1000 AS r3,
        multiIf(r1 < 10, NULL, r1 < 15, toInt64(0), toInt64(floor(pow((cityHash64(n, {seed:UInt64}, 5) % 1000000) / 1e6, 3) * 200000)) + 1) AS song_id,
        multiIf(event != 'P', NULL, r2 < 10, NULL, r2 < 15, 0., r2 < 18, -1. * r3, r2 < 20, 100000. + r3, 120. + (r3 % 300)) AS song_length,
        multiIf(event != 'P', NULL, r3 < 10, NULL, r3 < 15, -5., r3 < 17, 500000. + r1,
                floor(ifNull(greatest(song_length, 200.), 200.) * ((r1 + r2) % 1200) / 1000)) AS play_time
    FROM numbers({events:UInt64})
)`,
    query_params: { seed: o.seed, users: o.users, days: o.days, start: o.startDate, events: o.events },
    // One partition per (day, kind) as the ingest writes them: 3 x days partitions in one statement.
    clickhouse_settings: { max_partitions_per_insert_block: '0' },
  });
}
