"""scikit-learn side of the grid benchmark: GridSearchCV(RandomForestClassifier(n_jobs=-1), cv=5)
on the training split and folds ours.ts wrote, the same 18 cells, ROC AUC. One JSON line out.
    bench/.venv/bin/python bench/grid/peer.py <out dir>
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, PredefinedSplit

out = sys.argv[1]
meta = json.load(open(f"{out}/meta.json"))
n, names = meta["nRows"], meta["names"]
x = np.fromfile(f"{out}/x.f64", dtype="<f8").reshape(len(names), n).T.copy()
y = np.fromfile(f"{out}/y.u8", dtype=np.uint8)
folds = np.fromfile(f"{out}/folds.i32", dtype="<i4")
grid = {
    "n_estimators": sorted({c["nTrees"] for c in meta["grid"]}),
    "max_depth": sorted({c["maxDepth"] for c in meta["grid"]}),
    "min_samples_leaf": sorted({c["minSamplesLeaf"] for c in meta["grid"]}),
}


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


search = GridSearchCV(
    RandomForestClassifier(max_features="sqrt", n_jobs=-1, random_state=42),
    grid,
    cv=PredefinedSplit(folds),
    scoring="roc_auc",
    refit=False,
)
c0, t0 = cpu(), time.perf_counter()
search.fit(x, y)
wall, used = time.perf_counter() - t0, cpu() - c0
best = search.best_params_
print(json.dumps({
    "side": "scikit-learn",
    "rows": int(n),
    "wall": wall,
    "cpu": used,
    "cells": [
        {"nTrees": p["n_estimators"], "maxDepth": p["max_depth"], "minSamplesLeaf": p["min_samples_leaf"], "meanAuc": float(m)}
        for p, m in zip(search.cv_results_["params"], search.cv_results_["mean_test_score"])
    ],
    "best": {"nTrees": best["n_estimators"], "maxDepth": best["max_depth"], "minSamplesLeaf": best["min_samples_leaf"], "meanAuc": float(search.best_score_)},
}))
