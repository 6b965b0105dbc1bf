INSERT INTO run_user_activity (run_id, uid, plays, downloads, searches, active_days)
SELECT
    {run_id:String},
    uid,
    countIf(event = 'P'),
    countIf(event = 'D'),
    countIf(event = 'S'),
    uniqExact(date)
FROM events
GROUP BY uid
