-- Implicit ratings (docs/FEATURES.md §6): max(rounded mean play score, 5 if downloaded), 1..5.
CREATE TABLE IF NOT EXISTS run_ratings
(
    run_id  String,
    uid     UInt64,
    song_id Int64,
    rating  UInt8
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (uid, song_id);
