-- Lines that could not be parsed or repaired: nothing read is ever silently dropped.
CREATE TABLE IF NOT EXISTS rejects
(
    file_key LowCardinality(String),
    date     Date,
    line_no  UInt32,
    reason   LowCardinality(String),
    raw      String
)
ENGINE = MergeTree
PARTITION BY (date, file_key)
ORDER BY (file_key, line_no);

-- One row per ingested file version; the newest row per file_key is the file's state.
CREATE TABLE IF NOT EXISTS ingested_files
(
    file_key     String,
    path         String,
    date         Date,
    kind         LowCardinality(String),
    content_hash String,
    size_bytes   UInt64,
    mtime_ms     Float64,
    lines_read   UInt64,
    loaded       UInt64,
    repaired     UInt64,
    rejected     UInt64,
    blank        UInt64,
    split_records UInt64,
    ingested_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
ORDER BY file_key;
