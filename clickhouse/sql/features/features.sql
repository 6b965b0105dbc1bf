-- docs/FEATURES.md §5: one row per member of the run and stage, the 31 feature columns and the
-- label (1 = no event in the label window; meaningless for the scoring stage, which drops it).
-- Members whose every event was removed by the cleaning still get a row: counts and ratios 0,
-- recencies feature_days, device 0 (a tie, ip). A ratio with a zero denominator is 0.
-- "Last w days" = date >= end - (w - 1).
WITH
/*include:cleaned-events*/,
per_user AS
(
    SELECT
        uid,
        countIf(event = 'P') AS n_p,
        countIf(event = 'D') AS n_d,
        countIf(event = 'S') AS n_s,
        countIf(event = 'P' AND pct < 0.2) AS n_0_20,
        countIf(event = 'P' AND pct >= 0.2 AND pct < 0.4) AS n_20_40,
        countIf(event = 'P' AND pct >= 0.4 AND pct < 0.6) AS n_40_60,
        countIf(event = 'P' AND pct >= 0.6 AND pct < 0.8) AS n_60_80,
        countIf(event = 'P' AND pct >= 0.8) AS n_80,
        countIf(event = 'P' AND pct >= 0.8 AND date >= {end:Date} - 6) AS n_80_7d,
        countIf(event = 'P' AND pct >= 0.8 AND date >= {end:Date} - 29) AS n_80_30d,
        sumIf(play, event = 'P') AS play_sum,
        sumIf(play, event = 'P' AND date >= {end:Date} - 6) AS play_sum_7d,
        countIf(event = 'P' AND date >= {end:Date} - 0) AS freq_P_last_1,
        countIf(event = 'P' AND date >= {end:Date} - 2) AS freq_P_last_3,
        countIf(event = 'P' AND date >= {end:Date} - 6) AS freq_P_last_7,
        countIf(event = 'P' AND date >= {end:Date} - 13) AS freq_P_last_14,
        countIf(event = 'P' AND date >= {end:Date} - 29) AS freq_P_last_30,
        countIf(event = 'D' AND date >= {end:Date} - 0) AS freq_D_last_1,
        countIf(event = 'D' AND date >= {end:Date} - 2) AS freq_D_last_3,
        countIf(event = 'D' AND date >= {end:Date} - 6) AS freq_D_last_7,
        countIf(event = 'D' AND date >= {end:Date} - 13) AS freq_D_last_14,
        countIf(event = 'D' AND date >= {end:Date} - 29) AS freq_D_last_30,
        countIf(event = 'S' AND date >= {end:Date} - 0) AS freq_S_last_1,
        countIf(event = 'S' AND date >= {end:Date} - 2) AS freq_S_last_3,
        countIf(event = 'S' AND date >= {end:Date} - 6) AS freq_S_last_7,
        countIf(event = 'S' AND date >= {end:Date} - 13) AS freq_S_last_14,
        countIf(event = 'S' AND date >= {end:Date} - 29) AS freq_S_last_30,
        maxIf(date, event = 'P') AS last_p,
        maxIf(date, event = 'D') AS last_d,
        maxIf(date, event = 'S') AS last_s,
        countIf(device = 'ar') AS n_ar,
        countIf(device = 'ip') AS n_ip
    FROM cleaned
    GROUP BY uid
)
SELECT
    m.uid AS uid,
    if(n_p = 0, 0, n_0_20 / n_p) AS time_percentage_0_to_20,
    if(n_p = 0, 0, n_20_40 / n_p) AS time_percentage_20_to_40,
    if(n_p = 0, 0, n_40_60 / n_p) AS time_percentage_40_to_60,
    if(n_p = 0, 0, n_60_80 / n_p) AS time_percentage_60_to_80,
    if(n_p = 0, 0, n_80 / n_p) AS time_percentage_larger_than_80,
    if(n_80_30d = 0, 0, n_80_7d / n_80_30d) AS time_percentage_larger_than_80_7d_over_30d,
    play_sum AS total_play_time,
    if(play_sum = 0, 0, play_sum_7d / play_sum) AS total_play_time_7d_over_30d,
    if(n_p = 0, 0, play_sum / n_p) AS average_play_time,
    freq_P_last_1,
    freq_P_last_3,
    freq_P_last_7,
    freq_P_last_14,
    freq_P_last_30,
    freq_D_last_1,
    freq_D_last_3,
    freq_D_last_7,
    freq_D_last_14,
    freq_D_last_30,
    freq_S_last_1,
    freq_S_last_3,
    freq_S_last_7,
    freq_S_last_14,
    freq_S_last_30,
    if(freq_P_last_30 = 0, 0, freq_P_last_7 / freq_P_last_30) AS P_7d_over_P_30d,
    if(freq_D_last_30 = 0, 0, freq_D_last_7 / freq_D_last_30) AS D_7d_over_D_30d,
    if(freq_S_last_30 = 0, 0, freq_S_last_7 / freq_S_last_30) AS S_7d_over_S_30d,
    if(n_p = 0, {feature_days:UInt16}, dateDiff('day', last_p, {end:Date})) AS last_P_days,
    if(n_d = 0, {feature_days:UInt16}, dateDiff('day', last_d, {end:Date})) AS last_D_days,
    if(n_s = 0, {feature_days:UInt16}, dateDiff('day', last_s, {end:Date})) AS last_S_days,
    toUInt8(n_ar > n_ip) AS device,
    toUInt8(NOT m.in_label) AS label
FROM
(
    SELECT uid, in_label FROM run_users
    WHERE run_id = {run_id:String} AND stage = {stage:String} AND member
) AS m
LEFT JOIN per_user AS f ON f.uid = m.uid
