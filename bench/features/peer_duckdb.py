"""The feature stage's training data in DuckDB, written from docs/FEATURES.md (sections 1-6), as a peer.

  python peer_duckdb.py load DB EVENTS.parquet     # once, untimed: the events into DuckDB's own table
  python peer_duckdb.py run DB OUT_DIR END         # timed: labels, cleaning, features, ratings, exports

`run` prints one JSON line: milliseconds per step, and the numbers the bench compares with ours
(labelled and churned users, the cleaning report, rating rows and their sum, column sums of the
features). Sampling ratio 1 (the default): every user is sampled. Exports are uncompressed
Parquet, DuckDB's own columnar file (Arrow IPC would need an extension it cannot download here).
"""
import json
import sys
import time

import duckdb

FEATURE_DAYS = 30
LABEL_DAYS = 14
BOT_PERCENTILE = 0.999
CLEAN_PERCENTILE = 0.99


def load(db: str, events: str) -> None:
    con = duckdb.connect(db)
    con.execute(f"CREATE OR REPLACE TABLE events AS SELECT * FROM read_parquet('{events}')")
    print(json.dumps({"events": con.execute("SELECT count(*) FROM events").fetchone()[0]}))


def half_up(x: str) -> str:
    """Rounding half away from zero of a non-negative average (0 when there is none)."""
    return f"coalesce(floor({x}) + CASE WHEN {x} - floor({x}) >= 0.5 THEN 1 ELSE 0 END, 0)"


def run(db: str, out: str, end: str) -> None:
    con = duckdb.connect(db)
    con.execute("SET preserve_insertion_order = false")
    ms = {}

    def step(name, *statements):
        t0 = time.perf_counter()
        for s in statements:
            con.execute(s)
        ms[name] = round((time.perf_counter() - t0) * 1000)

    ws = f"(DATE '{end}' - INTERVAL {FEATURE_DAYS - 1} DAY)::DATE"
    le = f"(DATE '{end}' + INTERVAL {LABEL_DAYS} DAY)::DATE"
    e = f"DATE '{end}'"

    # 1-3: plays over the whole range, the bot threshold, members of F, labels.
    step(
        "labels",
        f"""CREATE OR REPLACE TEMP TABLE users AS
            WITH per AS (
                SELECT uid, count(*) FILTER (WHERE event = 'P') AS plays,
                       bool_or(date <= {e}) AS in_f, bool_or(date > {e}) AS in_l
                FROM events WHERE date BETWEEN {ws} AND {le} GROUP BY uid),
            t AS (SELECT quantile_cont(plays, {BOT_PERCENTILE}) AS t FROM per)
            SELECT uid, in_f AND NOT (plays > 0 AND plays >= t.t) AS member, in_l, plays > 0 AND plays >= t.t AS bot
            FROM per, t""",
        "CREATE OR REPLACE TABLE labels AS SELECT uid, CASE WHEN in_l THEN 0 ELSE 1 END AS label FROM users WHERE member",
    )
    # 4: cleaning of the members' P events in F.
    step(
        "clean",
        f"""CREATE OR REPLACE TEMP TABLE f AS
            SELECT e.uid, e.date, e.event, e.device, e.song_id,
                   CASE WHEN isnan(e.play_time) THEN NULL ELSE e.play_time END AS play_time,
                   CASE WHEN isnan(e.song_length) THEN NULL ELSE e.song_length END AS song_length
            FROM events e SEMI JOIN (SELECT uid FROM users WHERE member) m ON e.uid = m.uid
            WHERE e.date BETWEEN {ws} AND {e}""",
        "CREATE OR REPLACE TEMP TABLE l AS SELECT quantile_cont(song_length, " + str(CLEAN_PERCENTILE) + ") AS l99 "
        "FROM f WHERE event = 'P' AND song_length >= 0",
        "CREATE OR REPLACE TEMP TABLE ml AS SELECT l99, " + half_up("avg(song_length) FILTER (WHERE song_length >= 0 AND song_length < l99)")
        + " AS mean_len FROM f, l WHERE event = 'P' GROUP BY l99",
        """CREATE OR REPLACE TEMP TABLE kept AS
           SELECT f.uid, f.date, f.device, f.song_id, f.play_time,
                  CASE WHEN song_length <= 0 THEN mean_len ELSE song_length END AS len
           FROM f, ml
           WHERE event = 'P' AND song_length IS NOT NULL AND CASE WHEN song_length <= 0 THEN mean_len ELSE song_length END <= l99""",
        "CREATE OR REPLACE TEMP TABLE t AS SELECT quantile_cont(play_time, " + str(CLEAN_PERCENTILE) + ") AS t99 FROM kept WHERE play_time >= 0",
        "CREATE OR REPLACE TEMP TABLE mp AS SELECT t99, " + half_up("avg(play_time) FILTER (WHERE play_time >= 0 AND play_time < t99)")
        + " AS mean_play FROM kept, t GROUP BY t99",
        """CREATE OR REPLACE TEMP TABLE plays AS
           SELECT uid, date, device, song_id, play, play / len AS pct FROM (
               SELECT uid, date, device, song_id, len,
                      floor(CASE WHEN play_time IS NULL OR play_time < 0 THEN mean_play ELSE play_time END) AS play
               FROM kept, mp)
           WHERE play <= (SELECT t99 FROM t)""",
    )
    # 5: the 31 features per labelled user (D and S events of F unchanged, P events cleaned).
    d = lambda w: f"date >= {e} - INTERVAL {w - 1} DAY"
    freq = ",\n".join(
        f"count(*) FILTER (WHERE kind = '{k}' AND {d(w)}) AS freq_{k}_last_{w}" for k in "PDS" for w in (1, 3, 7, 14, 30)
    )
    step("features", _features_sql(e, d, freq))
    # 6: ratings from the cleaned plays and the downloads of F.
    step(
        "ratings",
        """CREATE OR REPLACE TABLE ratings AS
           SELECT uid, song_id, greatest(coalesce(play_score, 0), CASE WHEN downloaded THEN 5 ELSE 0 END)::UTINYINT AS rating FROM (
               SELECT uid, song_id,
                      """ + half_up("avg(score) FILTER (WHERE kind = 'P')") + """ AS play_score,
                      bool_or(kind = 'D') AS downloaded
               FROM (
                   SELECT uid, song_id, 'P' AS kind,
                          CASE WHEN pct >= 0.8 THEN 5 WHEN pct >= 0.6 THEN 4 WHEN pct >= 0.4 THEN 3 WHEN pct >= 0.2 THEN 2 ELSE 1 END AS score
                   FROM plays WHERE song_id > 0
                   UNION ALL SELECT uid, song_id, 'D', NULL FROM f WHERE event = 'D' AND song_id > 0)
               GROUP BY uid, song_id)""",
    )
    # The three exports the training queue reads.
    step(
        "exports",
        f"COPY (SELECT * FROM features ORDER BY uid) TO '{out}/peer-training-matrix.parquet' (FORMAT parquet, COMPRESSION uncompressed)",
        f"COPY (SELECT * FROM ratings ORDER BY uid, song_id) TO '{out}/peer-ratings.parquet' (FORMAT parquet, COMPRESSION uncompressed)",
        f"""COPY (
               SELECT DISTINCT e.uid, e.song_id FROM events e
               WHERE e.event = 'P' AND e.song_id > 0 AND e.date > {e} AND e.date <= {le}
                 AND e.uid IN (SELECT uid FROM ratings)
                 AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.uid = e.uid AND r.song_id = e.song_id)
            ) TO '{out}/peer-label-plays.parquet' (FORMAT parquet, COMPRESSION uncompressed)""",
    )
    one = lambda q: con.execute(q).fetchone()
    labelled, churned = one("SELECT count(*), sum(label) FROM labels")
    l99, mean_len = one("SELECT l99, mean_len FROM ml")
    t99, mean_play = one("SELECT t99, mean_play FROM mp")
    kept = one("SELECT count(*) FROM plays")[0]
    rows, rsum = one("SELECT count(*), sum(rating) FROM ratings")
    cols = [c[0] for c in con.execute("DESCRIBE features").fetchall() if c[0] not in ("uid", "label")]
    sums = one("SELECT " + ", ".join(f"sum({c})" for c in cols) + " FROM features")
    print(json.dumps({
        "ms": ms, "total": sum(ms.values()),
        "check": {
            "labelled": labelled, "churned": int(churned), "l99": l99, "mean_len": mean_len, "t99": t99, "mean_play": mean_play,
            "kept_plays": kept, "rating_rows": rows, "rating_sum": int(rsum),
            "feature_sums": {c: float(v) for c, v in zip(cols, sums)},
        },
    }))


def _features_sql(e: str, d, freq: str) -> str:
    """5: one row per labelled user, from the events left after cleaning."""
    fcols = ", ".join(f"coalesce(freq_{k}_last_{w}, 0) AS freq_{k}_last_{w}" for k in "PDS" for w in (1, 3, 7, 14, 30))
    ratios = ", ".join(
        f"CASE WHEN coalesce(freq_{k}_last_30, 0) > 0 THEN freq_{k}_last_7 / freq_{k}_last_30 ELSE 0 END AS {k}_7d_over_{k}_30d" for k in "PDS"
    )
    return f"""CREATE OR REPLACE TABLE features AS
        WITH ev AS (
            -- the events left after cleaning: the kept plays, and D and S unchanged
            SELECT uid, date, 'P' AS kind, device, play, pct FROM plays
            UNION ALL SELECT uid, date, event::VARCHAR, device, NULL, NULL FROM f WHERE event IN ('D', 'S')),
        agg AS (
            SELECT uid,
                   count(*) FILTER (WHERE kind = 'P') AS n_p,
                   count(*) FILTER (WHERE kind = 'P' AND pct < 0.2) AS a0,
                   count(*) FILTER (WHERE kind = 'P' AND pct >= 0.2 AND pct < 0.4) AS a1,
                   count(*) FILTER (WHERE kind = 'P' AND pct >= 0.4 AND pct < 0.6) AS a2,
                   count(*) FILTER (WHERE kind = 'P' AND pct >= 0.6 AND pct < 0.8) AS a3,
                   count(*) FILTER (WHERE kind = 'P' AND pct >= 0.8) AS a4,
                   count(*) FILTER (WHERE kind = 'P' AND pct >= 0.8 AND {d(7)}) AS a4_7,
                   count(*) FILTER (WHERE kind = 'P' AND pct >= 0.8 AND {d(30)}) AS a4_30,
                   coalesce(sum(play), 0) AS play_sum,
                   coalesce(sum(play) FILTER (WHERE {d(7)}), 0) AS play_7,
                   {freq},
                   max(date) FILTER (WHERE kind = 'P') AS last_p,
                   max(date) FILTER (WHERE kind = 'D') AS last_d,
                   max(date) FILTER (WHERE kind = 'S') AS last_s,
                   count(*) FILTER (WHERE device = 'ar') AS n_ar,
                   count(*) FILTER (WHERE device = 'ip') AS n_ip
            FROM ev GROUP BY uid)
        SELECT l.uid,
               CASE WHEN n_p > 0 THEN a0 / n_p ELSE 0 END AS time_percentage_0_to_20,
               CASE WHEN n_p > 0 THEN a1 / n_p ELSE 0 END AS time_percentage_20_to_40,
               CASE WHEN n_p > 0 THEN a2 / n_p ELSE 0 END AS time_percentage_40_to_60,
               CASE WHEN n_p > 0 THEN a3 / n_p ELSE 0 END AS time_percentage_60_to_80,
               CASE WHEN n_p > 0 THEN a4 / n_p ELSE 0 END AS time_percentage_larger_than_80,
               CASE WHEN a4_30 > 0 THEN a4_7 / a4_30 ELSE 0 END AS time_percentage_larger_than_80_7d_over_30d,
               coalesce(play_sum, 0) AS total_play_time,
               CASE WHEN play_sum > 0 THEN play_7 / play_sum ELSE 0 END AS total_play_time_7d_over_30d,
               CASE WHEN n_p > 0 THEN play_sum / n_p ELSE 0 END AS average_play_time,
               {fcols},
               {ratios},
               coalesce({e} - last_p, {FEATURE_DAYS}) AS last_P_days,
               coalesce({e} - last_d, {FEATURE_DAYS}) AS last_D_days,
               coalesce({e} - last_s, {FEATURE_DAYS}) AS last_S_days,
               CASE WHEN coalesce(n_ar, 0) > coalesce(n_ip, 0) THEN 1 ELSE 0 END AS device,
               l.label
        FROM labels l LEFT JOIN agg USING (uid)"""


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3])
    else:
        run(sys.argv[2], sys.argv[3], sys.argv[4])
