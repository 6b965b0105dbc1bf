-- Parsed raw log lines. One partition per source file (a file holds one day of one kind),
-- so re-ingesting a file atomically replaces exactly its own rows (REPLACE PARTITION).
CREATE TABLE IF NOT EXISTS events
(
    date            Date,
    uid             UInt64,
    event           Enum8('P' = 1, 'D' = 2, 'S' = 3),
    device          LowCardinality(String),
    song_id         Nullable(Int64),
    play_time       Nullable(Float64),
    song_length     Nullable(Float64),
    -- audit: the raw text of a dirty field whose value is NULL (empty, 'nan'), the other fields
    -- as they were, and the exact origin of the row
    raw_song_id     String,
    raw_play_time   String,
    raw_song_length String,
    song_type       LowCardinality(String),
    song_name       String,
    singer          String,
    paid_flag       LowCardinality(String),
    search_time     String,
    search_query    String,
    file_key        LowCardinality(String),
    line_no         UInt32,
    repaired        LowCardinality(String)
)
ENGINE = MergeTree
PARTITION BY (date, file_key)
ORDER BY (uid, date, event, line_no);
