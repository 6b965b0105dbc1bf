/* Fragment (a table expression): the events of the stage's members in its feature window
   [window_start, end], the columns the cleaning, feature and rating steps read. The feature stage
   reads them once into a member window (member-window.sql) and the steps read that instead. */
(
    SELECT uid, date, event, device, song_id, play_time, song_length
    FROM events
    WHERE date BETWEEN {window_start:Date} AND {end:Date}
      AND uid IN (SELECT uid FROM run_users WHERE run_id = {run_id:String} AND stage = {stage:String} AND member)
)
