-- Artifacts kept in ClickHouse itself, for training workers that share no disk with the SQL worker.
-- A value is split into parts (base64 on the wire, stored as raw bytes); a version is readable once
-- its row in artifact_versions is written, after all its parts, so a crashed write is never read.
CREATE TABLE IF NOT EXISTS artifact_parts
(
    run_id  LowCardinality(String),
    key     String,
    version String,
    part    UInt32,
    encoded String EPHEMERAL,
    data    String DEFAULT base64Decode(encoded)
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (key, version, part);

CREATE TABLE IF NOT EXISTS artifact_versions
(
    run_id  LowCardinality(String),
    key     String,
    version String,
    bytes   UInt64,
    parts   UInt32
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (key, version);
