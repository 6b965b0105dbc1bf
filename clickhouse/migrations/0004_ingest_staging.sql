-- Staging twins: a file is parsed into these, then swapped into events/rejects with
-- REPLACE PARTITION, so a retried or repeated ingest of a file replaces its rows atomically.
CREATE TABLE IF NOT EXISTS events_staging AS events;
CREATE TABLE IF NOT EXISTS rejects_staging AS rejects;

-- Raw lines a client sends when ClickHouse cannot read the files itself (a server), the
-- too-short lines set aside for the record joiner, and the records it rebuilt.
CREATE TABLE IF NOT EXISTS ingest_lines
(
    file_key LowCardinality(String),
    line_no  UInt32,
    line     String,
    repair   LowCardinality(String) DEFAULT ''
)
ENGINE = MergeTree
PARTITION BY file_key
ORDER BY line_no;

-- Lines counted per file, outcome and repair, summed across insert blocks: a file's counts come
-- from here, not from scanning what was loaded.
CREATE TABLE IF NOT EXISTS ingest_census
(
    file_key LowCardinality(String),
    status   LowCardinality(String),
    repair   LowCardinality(String),
    lines    UInt64
)
ENGINE = SummingMergeTree
PARTITION BY file_key
ORDER BY (status, repair);

-- Every parsed line passes through this table once (it stores nothing); the materialized views
-- below route it, so a file is read and split only once whatever its lines turn out to be.
CREATE TABLE IF NOT EXISTS ingest_parsed
(
    date            Date,
    file_key        LowCardinality(String),
    event           Enum8('P' = 1, 'D' = 2, 'S' = 3),
    line_no         UInt32,
    line            String,
    status          LowCardinality(String),
    repair          LowCardinality(String),
    uid             Nullable(UInt64),
    song_id         Nullable(Int64),
    play_time       Nullable(Float64),
    song_length     Nullable(Float64),
    uid_raw         String,
    device_raw      String,
    song_id_raw     String,
    play_time_raw   String,
    song_length_raw String,
    song_type       String,
    song_name       String,
    singer          String,
    paid_flag       String,
    search_time     String,
    search_query    String
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_events TO events_staging AS
SELECT
    date,
    assumeNotNull(uid) AS uid,
    event,
    device_raw AS device,
    song_id,
    play_time,
    song_length,
    -- a parsed value is its raw text; only what did not parse (empty, 'nan') is kept as text
    if(song_id IS NULL, song_id_raw, '') AS raw_song_id,
    if(play_time IS NULL, play_time_raw, '') AS raw_play_time,
    if(song_length IS NULL, song_length_raw, '') AS raw_song_length,
    song_type, song_name, singer, paid_flag, search_time, search_query,
    file_key, line_no,
    repair AS repaired
FROM ingest_parsed
WHERE status = 'ok';

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_rejects TO rejects_staging AS
SELECT file_key, date, line_no, status AS reason,
       if(length(line) > 65536, concat(substring(line, 1, 65536), '…[truncated]'), line) AS raw
FROM ingest_parsed
WHERE status NOT IN ('ok', 'blank', 'too_few_fields');

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_short_lines TO ingest_lines AS
SELECT concat(file_key, '#short') AS file_key, line_no, line, '' AS repair
FROM ingest_parsed
WHERE status = 'too_few_fields' AND repair != 'split_record';

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_census TO ingest_census AS
SELECT file_key, status, repair, count() AS lines
FROM ingest_parsed
GROUP BY file_key, status, repair;
