-- docs/FEATURES.md §1-§3: one row per user seen in the run's whole range [window_start, range_end].
-- plays(u) counts P events over the whole range; the bot threshold is the exact linear-interpolation
-- percentile of plays over these users (zero-play users included); plays >= threshold is a bot,
-- and a user without plays never is. The sample hashes (uid, seed) into [0, 2^64) and keeps the
-- user below ratio * 2^64 (ratio 1 keeps everyone). Members: active in the feature window
-- [window_start, end], not a bot, and sampled when the stage samples.
INSERT INTO run_users (run_id, stage, uid, plays, in_window, in_label, bot_threshold, is_bot, sampled, member)
SELECT
    {run_id:String},
    {stage:String},
    uid,
    plays,
    in_window,
    in_label,
    threshold,
    bot,
    keep,
    in_window AND NOT bot AND (keep OR {apply_sample:UInt8} = 0)
FROM
(
    SELECT
        uid,
        plays,
        in_window,
        in_label,
        quantileExactInclusive({bot_percentile:Float64})(plays) OVER () AS threshold,
        plays > 0 AND plays >= threshold AS bot,
        cityHash64(uid, {sample_seed:UInt64}) < {sample_ratio:Float64} * 18446744073709551616.0 AS keep
    FROM
    (
        SELECT
            uid,
            countIf(event = 'P') AS plays,
            max(date <= {end:Date}) AS in_window,
            max(date > {end:Date}) AS in_label
        FROM events
        WHERE date BETWEEN {window_start:Date} AND {range_end:Date}
        GROUP BY uid
    )
)
