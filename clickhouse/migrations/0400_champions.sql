-- What is published follows a champion pointer per kind (churn, recommendations), moved only by the
-- service's guard, a person's promote or rollback, or the first run when there is none; never
-- simply "the newest run". One row per move; the current champion is the latest row of its kind.
CREATE TABLE IF NOT EXISTS champions
(
    kind            LowCardinality(String),
    run_id          String,
    -- The champion before this one: what a rollback returns to ('' when none).
    previous_run_id String,
    changed_at      DateTime64(3, 'UTC'),
    reason          String
)
ENGINE = ReplacingMergeTree
ORDER BY (kind, changed_at, run_id);

-- Every guard decision with both numbers, measured on the same rows.
CREATE TABLE IF NOT EXISTS champion_decisions
(
    decided_at      DateTime64(3, 'UTC'),
    run_id          String,
    kind            LowCardinality(String),
    champion_run_id String,
    metric          LowCardinality(String),
    challenger      Nullable(Float64),
    champion        Nullable(Float64),
    tolerance       Float64,
    rows            UInt64,
    promoted        Bool,
    reason          String
)
ENGINE = ReplacingMergeTree
ORDER BY (run_id, kind, decided_at);

-- Which model scored each run's churn_scores: a training run scores with its own best model, a
-- score-only run with the champion's, so the published scores are the newest by the champion model.
CREATE TABLE IF NOT EXISTS churn_score_runs
(
    run_id       String,
    model_run_id String,
    scored_at    DateTime64(3, 'UTC') DEFAULT now64(3),
    as_of        String
)
ENGINE = ReplacingMergeTree(scored_at)
ORDER BY run_id;

-- Runs published before this migration scored with their own model.
INSERT INTO churn_score_runs (run_id, model_run_id, scored_at, as_of)
SELECT run_id, run_id, max(registered_at), '' FROM model_registry
WHERE run_id NOT IN (SELECT run_id FROM churn_score_runs)
GROUP BY run_id;

-- An existing installation keeps serving what it served: its newest run becomes the first champion.
INSERT INTO champions (kind, run_id, previous_run_id, changed_at, reason)
SELECT 'churn', argMax(run_id, registered_at), '', max(registered_at), 'newest run when champions were introduced' FROM model_registry
HAVING count() > 0 AND (SELECT count() FROM champions WHERE kind = 'churn') = 0;

INSERT INTO champions (kind, run_id, previous_run_id, changed_at, reason)
SELECT 'recommendations', argMax(run_id, published_at), '', max(published_at), 'newest run when champions were introduced' FROM published_runs
WHERE kind = 'recommendations'
HAVING count() > 0 AND (SELECT count() FROM champions WHERE kind = 'recommendations') = 0;

-- The newest scores made by the churn champion's model (its training run's, or a later score-only run's).
CREATE OR REPLACE VIEW latest_churn_scores AS
SELECT * FROM churn_scores
WHERE run_id = (
    SELECT argMax(run_id, scored_at) FROM churn_score_runs
    WHERE model_run_id = (SELECT argMax(run_id, changed_at) FROM champions WHERE kind = 'churn')
);

-- The recommendations champion's lists.
CREATE OR REPLACE VIEW latest_recommendations AS
SELECT * FROM recommendations
WHERE run_id = (SELECT argMax(run_id, changed_at) FROM champions WHERE kind = 'recommendations');
