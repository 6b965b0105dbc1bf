"""scikit-learn peer: NMF and TruncatedSVD on the same training matrix as the Node side.

The matrix follows recommend/ratings-matrix.ts: users with >= 5 distinct training
songs, users and songs indexed in ascending id order. Prints one JSON object.
"""
import argparse
import json
import time

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF, TruncatedSVD

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--k", type=int, default=20)
a = p.parse_args()
load = lambda name: np.fromfile(f"{a.data}/{name}.f64", dtype="<f8")
tu, ts, tr = load("train_uid"), load("train_song"), load("train_rating")
eu, es = load("test_uid"), load("test_song")
eval_users = load("eval_users")

users, ucode = np.unique(tu, return_inverse=True)
per_user = np.bincount(ucode)
keep = per_user[ucode] >= 5
users = np.unique(tu[keep])
songs = np.unique(ts[keep])
rows = np.searchsorted(users, tu[keep])
cols = np.searchsorted(songs, ts[keep])
X = sp.csr_matrix((tr[keep], (rows, cols)), shape=(len(users), len(songs)))
X.sum_duplicates()

# Held-out relevant songs per evaluated user (only songs the matrix knows can be hit,
# but unknown ones still count in the ideal DCG, as on the Node side).
eval_idx = np.searchsorted(users, eval_users)
assert np.all(users[eval_idx] == eval_users)
relevant = {}
for u_id, s_id in zip(eu, es):
    relevant.setdefault(u_id, set()).add(s_id)

def ndcg10(user_factors, item_factors):
    total, n = 0.0, 0
    disc = 1.0 / np.log2(np.arange(2, 12))
    for start in range(0, len(eval_idx), 1000):
        idx = eval_idx[start:start + 1000]
        scores = user_factors[idx] @ item_factors
        sub = X[idx]
        scores[np.repeat(np.arange(len(idx)), np.diff(sub.indptr)), sub.indices] = -np.inf
        top = np.argpartition(-scores, 10, axis=1)[:, :10]
        order = np.argsort(-np.take_along_axis(scores, top, 1), axis=1, kind="stable")
        top = np.take_along_axis(top, order, 1)
        for row, u in zip(top, idx):
            rel = relevant[users[u]]
            dcg = sum(disc[i] for i, s in enumerate(songs[row]) if s in rel)
            total += dcg / disc[: min(10, len(rel))].sum()
            n += 1
    return total / n

out = {"users": int(X.shape[0]), "songs": int(X.shape[1]), "nnz": int(X.nnz), "k": a.k}
t, c = time.perf_counter(), time.process_time()
nmf = NMF(n_components=a.k, init="nndsvda", solver="cd", max_iter=200, tol=1e-4, random_state=0)
W = nmf.fit_transform(X)
out["nmf_fit_s"] = time.perf_counter() - t
out["nmf_fit_cpu_s"] = time.process_time() - c
out["nmf_iterations"] = int(nmf.n_iter_)
out["nmf_reconstruction_err"] = float(nmf.reconstruction_err_)
t = time.perf_counter()
out["nmf_ndcg10"] = ndcg10(W, nmf.components_)
out["nmf_eval_s"] = time.perf_counter() - t

t, c = time.perf_counter(), time.process_time()
svd = TruncatedSVD(n_components=a.k, algorithm="randomized", n_iter=5, n_oversamples=10, random_state=0)
US = svd.fit_transform(X)
out["svd_fit_s"] = time.perf_counter() - t
out["svd_fit_cpu_s"] = time.process_time() - c
out["svd_singular_values"] = svd.singular_values_[:5].tolist()
t = time.perf_counter()
out["svd_ndcg10"] = ndcg10(US, svd.components_)
out["svd_eval_s"] = time.perf_counter() - t
print(json.dumps(out))
