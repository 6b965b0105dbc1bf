-- One row per run and stage: the population (bots, sample) and the cleaning thresholds and
-- counts of docs/FEATURES.md §1-§4. Later steps read the thresholds from here.
CREATE TABLE IF NOT EXISTS run_cleaning_report
(
    run_id                 String,
    stage                  LowCardinality(String),
    snapshot_date          Date,
    window_start           Date,
    range_end              Date,
    users                  UInt64,
    bot_threshold          Float64,
    bots                   UInt64,
    members                UInt64,
    play_events            UInt64,
    download_events        UInt64,
    search_events          UInt64,
    dropped_null_length    UInt64,
    l99                    Float64,
    mean_len               Float64,
    replaced_length        UInt64,
    dropped_long_length    UInt64,
    t99                    Float64,
    mean_play              Float64,
    replaced_play_time     UInt64,
    dropped_long_play_time UInt64,
    kept_plays             UInt64
)
ENGINE = MergeTree
PARTITION BY (run_id, stage)
ORDER BY tuple();
