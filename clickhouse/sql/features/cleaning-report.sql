-- FEATURES.md §4: thresholds and counts of the cleaning of the members' P events in the
-- feature window. Each threshold depends on the one before; rather than scan the events once
-- per threshold, one scan collects the plays' lengths and play times into two arrays and the
-- rest is array arithmetic, layer by layer (arrays as columns of a one-row subquery: as
-- WITH scalars they would be inlined as constants and copied at every reference). The percentile is ClickHouse's own quantileExactInclusive (via
-- arrayReduce, whose function name must be a constant string).
-- NaN is treated as NULL (the ingest already maps 'nan' to NULL; this guards other writers);
-- a NULL play_time travels in the array as NaN, which fails every `>= 0` test, as NULL would.
-- Rounding half away from zero: the averages are of non-negative values, so
-- floor(x) + (fraction >= 0.5); exact, unlike round(), which rounds half to even on floats.
INSERT INTO run_cleaning_report
SELECT
    {run_id:String} AS run_id,
    {stage:String} AS stage,
    {end:Date} AS snapshot_date,
    {window_start:Date} AS window_start,
    {range_end:Date} AS range_end,
    population.1 AS users,
    population.2 AS bot_threshold,
    population.3 AS bots,
    population.4 AS members,
    play_events,
    download_events,
    search_events,
    dropped_null_length,
    l99,
    mean_len,
    replaced_length,
    dropped_long_length,
    t99,
    mean_play,
    arrayCount(p -> NOT (p >= 0), kept_raw_plays) AS replaced_play_time,
    long_plays AS dropped_long_play_time,
    length(kept_raw_plays) - long_plays AS kept_plays
FROM
(
    SELECT *, arrayCount(p -> floor(if(p >= 0, p, mean_play)) > t99, kept_raw_plays) AS long_plays
    FROM
    (
        SELECT *, floor(mean_play_avg) + (mean_play_avg - floor(mean_play_avg) >= 0.5) AS mean_play
        FROM
        (
            SELECT *, arrayAvg(arrayFilter(x -> x >= 0 AND x < t99, kept_raw_plays)) AS mean_play_avg
            FROM
            (
                SELECT *, arrayReduce(concat('quantileExactInclusive(', toString({clean_percentile:Float64}), ')'), arrayFilter(x -> x >= 0, kept_raw_plays)) AS t99
                FROM
                (
                    SELECT
                        *,
                        arrayCount(x -> x <= 0, lens) AS replaced_length,
                        arrayCount(l -> l > l99, fixed_lens) AS dropped_long_length,
                        arrayFilter((p, l) -> l <= l99, raw_plays, fixed_lens) AS kept_raw_plays
                    FROM
                    (
                        SELECT *, arrayMap(x -> if(x <= 0, mean_len, x), lens) AS fixed_lens
                        FROM
                        (
                            SELECT *, floor(mean_len_avg) + (mean_len_avg - floor(mean_len_avg) >= 0.5) AS mean_len
                            FROM
                            (
                                SELECT *, arrayAvg(arrayFilter(x -> x >= 0 AND x < l99, lens)) AS mean_len_avg
                                FROM
                                (
                                    SELECT *, arrayReduce(concat('quantileExactInclusive(', toString({clean_percentile:Float64}), ')'), arrayFilter(x -> x >= 0, lens)) AS l99
                                    FROM
                                    (
                                        SELECT
                                            countIf(event = 'P') AS play_events,
                                            countIf(event = 'D') AS download_events,
                                            countIf(event = 'S') AS search_events,
                                            countIf(event = 'P' AND raw_len IS NULL) AS dropped_null_length,
                                            groupArrayIf(assumeNotNull(raw_len), event = 'P' AND raw_len IS NOT NULL) AS lens,
                                            groupArrayIf(ifNull(raw_play, nan), event = 'P' AND raw_len IS NOT NULL) AS raw_plays
                                        FROM
                                        (
                                            SELECT
                                                event,
                                                if(isNaN(song_length), NULL, song_length) AS raw_len,
                                                if(isNaN(play_time), NULL, play_time) AS raw_play
                                            FROM events
                                            WHERE date BETWEEN {window_start:Date} AND {end:Date}
                                              AND uid IN (SELECT uid FROM run_users
                                                          WHERE run_id = {run_id:String} AND stage = {stage:String} AND member)
                                        )
                                    )
                                )
                            )
                        )
                    )
                )
            )
        )
    )
) AS cleaning
CROSS JOIN
(
    SELECT tuple(count(), anyIf(bot_threshold, 1), countIf(is_bot), countIf(member)) AS population
    FROM run_users
    WHERE run_id = {run_id:String} AND stage = {stage:String}
) AS pop
