-- Every finished run's summary (the pipeline's result as JSON), written by its report step, so
-- `musicbox runs` and later reports can compare runs without Temporal's history. A retried step
-- writes the same run id again; the newest row wins.
CREATE TABLE IF NOT EXISTS run_summaries
(
    run_id        String,
    finished_at   DateTime64(3, 'UTC') DEFAULT now64(3),
    snapshot_date Date,
    best_model    String,
    best_test_auc Nullable(Float64),
    blend_ndcg    Nullable(Float64),
    result        String
)
ENGINE = ReplacingMergeTree(finished_at)
ORDER BY run_id;
