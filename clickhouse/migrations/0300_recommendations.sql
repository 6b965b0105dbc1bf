-- Every user's blended recommendation list of a run: rank 1 is the best song.
CREATE TABLE IF NOT EXISTS recommendations
(
    run_id  LowCardinality(String),
    uid     UInt64,
    rank    UInt16,
    song_id Int64,
    score   Float64,
    models  Array(LowCardinality(String))
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY (uid, rank);

-- One row per published run, so "latest" is a lookup, not a scan.
CREATE TABLE IF NOT EXISTS published_runs
(
    run_id       String,
    kind         LowCardinality(String),
    published_at DateTime64(3, 'UTC') DEFAULT now64(3),
    rows         UInt64
)
ENGINE = ReplacingMergeTree(published_at)
ORDER BY (kind, run_id);

-- The most recently published run's recommendations.
CREATE VIEW IF NOT EXISTS latest_recommendations AS
SELECT * FROM recommendations
WHERE run_id = (SELECT argMax(run_id, published_at) FROM published_runs WHERE kind = 'recommendations');
