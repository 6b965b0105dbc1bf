-- docs/FEATURES.md §4: thresholds and counts of the cleaning of the members' P events in the
-- feature window. Each threshold depends on the one before. Two grouped scans carry all the
-- data: the first counts the members' events by (event, length), the second counts the kept
-- plays by play time; every threshold, mean and count then comes from those short sorted
-- (value, count) lists, layer by layer (a subquery per dependent step, so each value is a column
-- rather than an expression copied into every reference):
--   * a percentile is quantileExactInclusive's own formula (R7): over the N values ≥ 0 sorted,
--     h = level·(N − 1) + 1, k = ⌊h⌋, x_k + (h − k)·(x_{k+1} − x_k), with x_k the first value whose
--     running count reaches k;
--   * a mean is Σ value·count / Σ count over the values in [0, threshold), 0 when there are none
--     (as arrayAvg of an empty array).
-- NaN is treated as NULL (the ingest already maps 'nan' to NULL; this guards other writers); a
-- NULL play time travels as NaN, which fails every `>= 0` test, as NULL would.
-- Rounding half away from zero: the averages are of non-negative values, so
-- floor(x) + (fraction >= 0.5); exact, unlike round(), which rounds half to even on floats.
INSERT INTO run_cleaning_report
WITH
(
    -- lengths: (play, download, search events, NULL lengths, L99, mean_len, replaced, dropped long)
    SELECT tuple(play_events, download_events, search_events, dropped_null_length, l99, mean_len,
                 arraySum(x -> if(x.1 <= 0, x.2, 0), pairs),
                 arraySum(x -> if(if(x.1 <= 0, mean_len, x.1) > l99, x.2, 0), pairs))
    FROM
    (
        SELECT *, floor(mean_avg) + (mean_avg - floor(mean_avg) >= 0.5) AS mean_len
        FROM
        (
            SELECT *, arraySum(x -> if(x.1 >= 0 AND x.1 < l99, x.1 * x.2, 0), pairs) / greatest(arraySum(x -> if(x.1 >= 0 AND x.1 < l99, x.2, 0), pairs), 1) AS mean_avg
            FROM
            (
                SELECT *, /*include:exact-percentile*/ AS l99
                FROM
                (
                    SELECT *, arrayFilter(x -> x.1 >= 0, pairs) AS pos, arraySum(x -> x.2, pos) AS n, arrayCumSum(x -> x.2, pos) AS cum,
                           {clean_percentile:Float64} * (toFloat64(n) - 1) + 1 AS h, toUInt64(h) AS k
                    FROM
                    (
                        SELECT
                            sumIf(c, event = 'P') AS play_events,
                            sumIf(c, event = 'D') AS download_events,
                            sumIf(c, event = 'S') AS search_events,
                            sumIf(c, event = 'P' AND len IS NULL) AS dropped_null_length,
                            arraySort(x -> x.1, groupArrayIf((assumeNotNull(len), c), event = 'P' AND len IS NOT NULL)) AS pairs
                        FROM
                        (
                            SELECT event, if(isNaN(song_length), NULL, song_length) AS len, count() AS c
                            FROM /*include:member-events*/
                            GROUP BY event, len
                        )
                    )
                )
            )
        )
    )
) AS lengths
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
    lengths.1 AS play_events,
    lengths.2 AS download_events,
    lengths.3 AS search_events,
    lengths.4 AS dropped_null_length,
    lengths.5 AS l99,
    lengths.6 AS mean_len,
    lengths.7 AS replaced_length,
    lengths.8 AS dropped_long_length,
    t99,
    mean_play,
    arraySum(x -> if(NOT (x.1 >= 0), x.2, 0), pairs) AS replaced_play_time,
    long_plays AS dropped_long_play_time,
    kept_rows - long_plays AS kept_plays
FROM
(
    SELECT *, arraySum(x -> if(floor(if(x.1 >= 0, x.1, mean_play)) > t99, x.2, 0), pairs) AS long_plays
    FROM
    (
        SELECT *, floor(mean_avg) + (mean_avg - floor(mean_avg) >= 0.5) AS mean_play
        FROM
        (
            SELECT *, arraySum(x -> if(x.1 >= 0 AND x.1 < t99, x.1 * x.2, 0), pairs) / greatest(arraySum(x -> if(x.1 >= 0 AND x.1 < t99, x.2, 0), pairs), 1) AS mean_avg
            FROM
            (
                SELECT *, /*include:exact-percentile*/ AS t99
                FROM
                (
                    SELECT *, arrayFilter(x -> x.1 >= 0, pairs) AS pos, arraySum(x -> x.2, pos) AS n, arrayCumSum(x -> x.2, pos) AS cum,
                           {clean_percentile:Float64} * (toFloat64(n) - 1) + 1 AS h, toUInt64(h) AS k
                    FROM
                    (
                        -- the plays kept by the length rules, by play time
                        SELECT sum(c) AS kept_rows, arraySort(x -> x.1, groupArray((ifNull(play, nan), c))) AS pairs
                        FROM
                        (
                            SELECT if(isNaN(play_time), NULL, play_time) AS play, count() AS c
                            FROM /*include:member-events*/
                            WHERE event = 'P' AND song_length IS NOT NULL AND NOT isNaN(song_length)
                              AND if(song_length <= 0, lengths.6, song_length) <= lengths.5
                            GROUP BY play
                        )
                    )
                )
            )
        )
    )
) AS plays
CROSS JOIN
(
    SELECT tuple(count(), anyIf(bot_threshold, 1), countIf(is_bot), countIf(member)) AS population
    FROM run_users
    WHERE run_id = {run_id:String} AND stage = {stage:String}
) AS pop
