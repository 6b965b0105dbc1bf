-- Scoring snapshot (docs/FEATURES.md §8): the same 31 columns with end = the latest ingested date, no label.
CREATE TABLE IF NOT EXISTS run_scoring_features
(
    run_id        String,
    snapshot_date Date,
    uid           UInt64,
    time_percentage_0_to_20 Float64,
    time_percentage_20_to_40 Float64,
    time_percentage_40_to_60 Float64,
    time_percentage_60_to_80 Float64,
    time_percentage_larger_than_80 Float64,
    time_percentage_larger_than_80_7d_over_30d Float64,
    total_play_time Float64,
    total_play_time_7d_over_30d Float64,
    average_play_time Float64,
    freq_P_last_1 UInt32,
    freq_P_last_3 UInt32,
    freq_P_last_7 UInt32,
    freq_P_last_14 UInt32,
    freq_P_last_30 UInt32,
    freq_D_last_1 UInt32,
    freq_D_last_3 UInt32,
    freq_D_last_7 UInt32,
    freq_D_last_14 UInt32,
    freq_D_last_30 UInt32,
    freq_S_last_1 UInt32,
    freq_S_last_3 UInt32,
    freq_S_last_7 UInt32,
    freq_S_last_14 UInt32,
    freq_S_last_30 UInt32,
    P_7d_over_P_30d Float64,
    D_7d_over_D_30d Float64,
    S_7d_over_S_30d Float64,
    last_P_days UInt16,
    last_D_days UInt16,
    last_S_days UInt16,
    device UInt8
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY uid;
