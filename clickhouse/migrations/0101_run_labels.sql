-- Churn labels of the training snapshot: 1 = active in the feature window, absent in the label window.
CREATE TABLE IF NOT EXISTS run_labels
(
    run_id String,
    uid    UInt64,
    label  UInt8
)
ENGINE = MergeTree
PARTITION BY run_id
ORDER BY uid;
