-- Churn probability and rank of every user of a run's scoring snapshot, by the run's best model.
CREATE TABLE IF NOT EXISTS churn_scores
(
    run_id      LowCardinality(String),
    uid         UInt64,
    probability Float64,
    rank        UInt32,
    model       LowCardinality(String)
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY rank;

-- Every run's best churn model with its metrics and parameters, so later runs can compare.
CREATE TABLE IF NOT EXISTS model_registry
(
    run_id       String,
    model        String,
    kind         LowCardinality(String),
    registered_at DateTime64(3, 'UTC') DEFAULT now64(3),
    test_auc     Float64,
    train_auc    Float64,
    test_f1      Float64,
    params       String,
    metrics      String,
    top_features String,
    artifact     String
)
ENGINE = ReplacingMergeTree(registered_at)
ORDER BY (run_id, model);

-- The most recent run's scores.
CREATE VIEW IF NOT EXISTS latest_churn_scores AS
SELECT * FROM churn_scores
WHERE run_id = (SELECT run_id FROM model_registry ORDER BY registered_at DESC LIMIT 1);
