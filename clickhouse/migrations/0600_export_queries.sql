-- Exports a training worker reads by query instead of stored bytes (artifact store in ClickHouse).
-- An export is a query over run tables, which a run writes once before it trains; the label-window
-- plays are such a table too (run_label_plays), not a query over `events`, so an ingest that adds
-- label-window files meanwhile cannot change what two readers of one run's export see.
CREATE TABLE IF NOT EXISTS run_label_plays
(
    run_id  LowCardinality(String),
    uid     UInt64,
    song_id Int64
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (uid, song_id);

-- A version whose query is not empty has no parts: its bytes are that query's result, in the
-- format the query names, with its parameters and settings (JSON objects) applied.
ALTER TABLE artifact_versions ADD COLUMN IF NOT EXISTS query String DEFAULT '';

ALTER TABLE artifact_versions ADD COLUMN IF NOT EXISTS params String DEFAULT '';

ALTER TABLE artifact_versions ADD COLUMN IF NOT EXISTS settings String DEFAULT '';
