"""Deterministic synthetic ratings resembling the seed scale, plus a per-user 80/20 split.

Users have a home taste cluster; most of their songs come from that cluster's
Zipf-popular songs, the rest from the global Zipf popularity. Ratings are higher
inside the home cluster. Writes little-endian float64 columns to the output folder:
train_{uid,song,rating}.f64, test_{uid,song,rating}.f64, and eval_users.f64 (a seeded
sample of user ids with held-out songs that both sides evaluate).
"""
import argparse
import os

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--users", type=int, default=50_000)
p.add_argument("--songs", type=int, default=60_000)
p.add_argument("--clusters", type=int, default=40)
p.add_argument("--mean-songs", type=float, default=110.0)
p.add_argument("--eval-users", type=int, default=10_000)
p.add_argument("--seed", type=int, default=7)
a = p.parse_args()
rng = np.random.default_rng(a.seed)
os.makedirs(a.out, exist_ok=True)

song_ids = rng.choice(np.arange(1, 10 * a.songs), size=a.songs, replace=False).astype(np.float64)
weight = 1.0 / np.arange(1, a.songs + 1) ** 0.9
weight = weight[rng.permutation(a.songs)]
song_cluster = rng.integers(0, a.clusters, a.songs)

# Songs per user: lognormal around mean-songs, at least 7 so that 80% keeps >= 5.
counts = np.clip(rng.lognormal(np.log(a.mean_songs) - 0.5, 1.0, a.users), 7, 2_000).astype(np.int64)
user_cluster = rng.integers(0, a.clusters, a.users)
user_ids = rng.choice(np.arange(1, 20 * a.users), size=a.users, replace=False).astype(np.float64)

global_cdf = np.cumsum(weight) / weight.sum()
uids, songs, home = [], [], []
for c in range(a.clusters):
    members = np.flatnonzero(user_cluster == c)
    in_c = np.flatnonzero(song_cluster == c)
    cdf = np.cumsum(weight[in_c]) / weight[in_c].sum()
    n = counts[members]
    total = int(n.sum())
    who = np.repeat(members, n)
    from_home = rng.random(total) < 0.7
    pick = np.empty(total, dtype=np.int64)
    pick[from_home] = in_c[np.minimum(np.searchsorted(cdf, rng.random(from_home.sum())), len(in_c) - 1)]
    k = total - int(from_home.sum())
    pick[~from_home] = np.minimum(np.searchsorted(global_cdf, rng.random(k)), a.songs - 1)
    uids.append(who)
    songs.append(pick)
    home.append(song_cluster[pick] == c)
u = np.concatenate(uids)
s = np.concatenate(songs)
h = np.concatenate(home)
key = u.astype(np.int64) * a.songs + s
_, first = np.unique(key, return_index=True)
u, s, h = u[first], s[first], h[first]
r = np.clip(np.rint(rng.normal(np.where(h, 4.0, 2.5), 1.0)), 1, 5)

# Per-user 20% hold-out (round(0.2 * n) rows), seeded.
order = np.lexsort((rng.random(len(u)), u))
u, s, r = u[order], s[order], r[order]
starts = np.flatnonzero(np.r_[True, u[1:] != u[:-1]])
sizes = np.diff(np.r_[starts, len(u)])
pos = np.arange(len(u)) - np.repeat(starts, sizes)
test = pos < np.repeat(np.rint(0.2 * sizes).astype(np.int64), sizes)

def write(prefix, mask):
    for name, col in (("uid", user_ids[u[mask]]), ("song", song_ids[s[mask]]), ("rating", r[mask])):
        np.ascontiguousarray(col, dtype="<f8").tofile(os.path.join(a.out, f"{prefix}_{name}.f64"))

write("train", ~test)
write("test", test)
train_counts = np.bincount(u[~test], minlength=a.users)
test_users = np.unique(user_ids[u[test & (train_counts[u] >= 5)]])
eval_users = np.sort(rng.choice(test_users, size=min(a.eval_users, len(test_users)), replace=False))
eval_users.astype("<f8").tofile(os.path.join(a.out, "eval_users.f64"))
print(f"ratings {len(u)}  train {int((~test).sum())}  test {int(test.sum())}  users {a.users}  "
      f"songs rated {len(np.unique(s))}  eval users {len(eval_users)}")
