-- docs/FEATURES.md §6: per (member, song) of the feature window, rating = max(mean play score rounded
-- half away from zero, 5 when downloaded). Scores are positive, so floor(x) + (fraction >= 0.5).
-- Rows whose song_id is NULL, 0 or negative are dropped (NULL > 0 is NULL, i.e. false).
INSERT INTO run_ratings (run_id, uid, song_id, rating)
WITH
/*include:cleaned-events*/
SELECT
    {run_id:String},
    uid,
    song,
    toUInt8(greatest(
        if(plays = 0, 0, floor(mean_score) + (mean_score - floor(mean_score) >= 0.5)),
        if(downloads > 0, 5, 0)
    ))
FROM
(
    SELECT
        uid,
        assumeNotNull(song_id) AS song, -- not NULL after the filter; a plain key groups much faster
        countIf(event = 'P') AS plays,
        countIf(event = 'D') AS downloads,
        avgIf(multiIf(pct >= 0.8, 5, pct >= 0.6, 4, pct >= 0.4, 3, pct >= 0.2, 2, 1), event = 'P') AS mean_score
    FROM cleaned
    WHERE event IN ('P', 'D') AND song_id > 0
    GROUP BY uid, song
)
