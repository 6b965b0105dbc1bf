-- Feature stage, per run and stage ('training' | 'scoring'): every user seen in the run's
-- whole date range, with the facts that decide whether the user takes part.
-- member = active in the feature window, not a bot, and sampled (training only).
CREATE TABLE IF NOT EXISTS run_users
(
    run_id        String,
    stage         LowCardinality(String),
    uid           UInt64,
    plays         UInt64,
    in_window     UInt8,
    in_label      UInt8,
    bot_threshold Float64,
    is_bot        UInt8,
    sampled       UInt8,
    member        UInt8
)
ENGINE = MergeTree
PARTITION BY (run_id, stage)
ORDER BY uid;
