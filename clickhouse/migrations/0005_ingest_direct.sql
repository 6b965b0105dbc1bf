-- New files load straight into events and rejects. Only a file whose key may already have rows
-- there (an earlier version of it, or what a crashed attempt left) still goes through the staging
-- twins and REPLACE PARTITION, so those rows stay whole until the new ones replace them; staging
-- every file cost a copy and a drop of each of its parts.
-- The transient tables (lines set aside, census) are keyed by load attempt instead of by file:
-- one partition to clear per statement rather than one per file. They hold nothing between
-- ingests, so they are rebuilt rather than altered; the routing views are rebuilt for their new
-- targets.
DROP VIEW IF EXISTS ingest_route_events;
DROP VIEW IF EXISTS ingest_route_rejects;
DROP VIEW IF EXISTS ingest_route_short_lines;
DROP VIEW IF EXISTS ingest_route_census;
DROP TABLE IF EXISTS ingest_census;
DROP TABLE IF EXISTS ingest_lines;

-- Raw lines a client sends when ClickHouse cannot read the files itself (a server), the
-- too-short lines set aside for the record joiner (`<file_key>#short`), and the records it
-- rebuilt (`<file_key>#joined`).
CREATE TABLE IF NOT EXISTS ingest_lines
(
    attempt  String,
    file_key LowCardinality(String),
    line_no  UInt32,
    line     String,
    repair   LowCardinality(String) DEFAULT ''
)
ENGINE = MergeTree
PARTITION BY attempt
ORDER BY (file_key, line_no);

-- Lines counted per file, outcome and repair, summed across insert blocks: a file's counts come
-- from here, not from scanning what was loaded.
CREATE TABLE IF NOT EXISTS ingest_census
(
    attempt  String,
    file_key LowCardinality(String),
    status   LowCardinality(String),
    repair   LowCardinality(String),
    lines    UInt64
)
ENGINE = SummingMergeTree
PARTITION BY attempt
ORDER BY (file_key, status, repair);

-- Every parsed line also names its load attempt and whether it goes to staging.
ALTER TABLE ingest_parsed
    ADD COLUMN IF NOT EXISTS attempt LowCardinality(String),
    ADD COLUMN IF NOT EXISTS staged UInt8;

-- Loaded lines in their stored form, then on to events or to its staging twin.
CREATE TABLE IF NOT EXISTS ingest_events AS events ENGINE = Null;
ALTER TABLE ingest_events ADD COLUMN IF NOT EXISTS staged UInt8;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_events TO ingest_events AS
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
    repair AS repaired,
    staged
FROM ingest_parsed
WHERE status = 'ok';

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_events_direct TO events AS
SELECT * EXCEPT staged FROM ingest_events WHERE NOT staged;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_events_staged TO events_staging AS
SELECT * EXCEPT staged FROM ingest_events WHERE staged;

-- Rejected lines, likewise to rejects or to its staging twin.
CREATE TABLE IF NOT EXISTS ingest_rejects AS rejects ENGINE = Null;
ALTER TABLE ingest_rejects ADD COLUMN IF NOT EXISTS staged UInt8;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_rejects TO ingest_rejects AS
SELECT file_key, date, line_no, status AS reason,
       if(length(line) > 65536, concat(substring(line, 1, 65536), '…[truncated]'), line) AS raw,
       staged
FROM ingest_parsed
WHERE status NOT IN ('ok', 'blank', 'too_few_fields');

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_rejects_direct TO rejects AS
SELECT * EXCEPT staged FROM ingest_rejects WHERE NOT staged;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_rejects_staged TO rejects_staging AS
SELECT * EXCEPT staged FROM ingest_rejects WHERE staged;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_short_lines TO ingest_lines AS
SELECT attempt, concat(file_key, '#short') AS file_key, line_no, line, '' AS repair
FROM ingest_parsed
WHERE status = 'too_few_fields' AND repair != 'split_record';

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_route_census TO ingest_census AS
SELECT attempt, file_key, status, repair, count() AS lines
FROM ingest_parsed
GROUP BY attempt, file_key, status, repair;
