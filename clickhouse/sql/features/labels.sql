-- docs/FEATURES.md §3: label 1 (churned) when a member has no event in the label window, else 0.
-- Users active only in the label window are not members, so they get no label.
INSERT INTO run_labels (run_id, uid, label)
SELECT {run_id:String}, uid, toUInt8(NOT in_label)
FROM run_users
WHERE run_id = {run_id:String} AND stage = 'training' AND member
