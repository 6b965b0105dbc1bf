-- Per-run activity profile of every user: the first run-keyed table, rebuilt whole by each attempt.
CREATE TABLE IF NOT EXISTS run_user_activity
(
    run_id      LowCardinality(String),
    uid         UInt64,
    plays       UInt32,
    downloads   UInt32,
    searches    UInt32,
    active_days UInt16
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY uid;
