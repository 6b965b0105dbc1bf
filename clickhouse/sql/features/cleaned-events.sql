-- Fragment (CTEs, no leading WITH): the members' events of the feature window after the cleaning
-- of docs/FEATURES.md §4, using the thresholds stored by cleaning-report.sql for this run and stage.
-- D and S pass unchanged. P: NULL length dropped; length <= 0 set to mean_len; length > L99
-- dropped; play_time NULL/negative set to mean_play, floored, > T99 dropped.
-- pct = play / len, not rounded; a zero length (only if mean_len is 0) gives pct 0.
-- len, play and pct are 0 on D and S rows, which never read them.
cleaning AS
(
    SELECT l99, mean_len, t99, mean_play FROM run_cleaning_report
    WHERE run_id = {run_id:String} AND stage = {stage:String}
    LIMIT 1
),
cleaned AS
(
    SELECT uid, date, event, device, song_id, ifNull(fixed_len, 0) AS len, ifNull(fixed_play, 0) AS play,
           if(len = 0, 0, play / len) AS pct
    FROM
    (
        SELECT
            uid,
            date,
            event,
            device,
            song_id,
            if(isNaN(song_length), NULL, song_length) AS raw_len,
            if(isNaN(play_time), NULL, play_time) AS raw_play,
            if(event = 'P', if(raw_len <= 0, (SELECT mean_len FROM cleaning), raw_len), NULL) AS fixed_len,
            if(event = 'P', floor(if(raw_play IS NULL OR raw_play < 0, (SELECT mean_play FROM cleaning), raw_play)), NULL) AS fixed_play
        FROM /*include:member-events*/
    )
    WHERE event != 'P' OR (fixed_len IS NOT NULL AND fixed_len <= (SELECT l99 FROM cleaning) AND fixed_play <= (SELECT t99 FROM cleaning))
)
