"""scikit-learn side of svd-seeds.ts: TruncatedSVD NDCG@10 for random_state 0..seeds-1."""
import sys

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD

data, k, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
load = lambda name: np.fromfile(f"{data}/{name}.f64", dtype="<f8")
tu, ts, tr = load("train_uid"), load("train_song"), load("train_rating")
eu, es, eval_users = load("test_uid"), load("test_song"), load("eval_users")
_, ucode = np.unique(tu, return_inverse=True)
keep = np.bincount(ucode)[ucode] >= 5
users, songs = np.unique(tu[keep]), np.unique(ts[keep])
X = sp.csr_matrix((tr[keep], (np.searchsorted(users, tu[keep]), np.searchsorted(songs, ts[keep]))),
                  shape=(len(users), len(songs)))
idx = np.searchsorted(users, eval_users)
relevant = {}
for u, s in zip(eu, es):
    relevant.setdefault(u, set()).add(s)
disc = 1.0 / np.log2(np.arange(2, 12))
for seed in range(seeds):
    svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=5, random_state=seed)
    US = svd.fit_transform(X)
    total = 0.0
    for start in range(0, len(idx), 1000):
        part = idx[start:start + 1000]
        scores = US[part] @ svd.components_
        sub = X[part]
        scores[np.repeat(np.arange(len(part)), np.diff(sub.indptr)), sub.indices] = -np.inf
        top = np.argpartition(-scores, 10, axis=1)[:, :10]
        top = np.take_along_axis(top, np.argsort(-np.take_along_axis(scores, top, 1), axis=1, kind="stable"), 1)
        for row, u in zip(top, part):
            rel = relevant[users[u]]
            total += sum(disc[i] for i, s in enumerate(songs[row]) if s in rel) / disc[: min(10, len(rel))].sum()
    print(f"seed {seed}: NDCG@10 {total / len(idx):.4f}")
