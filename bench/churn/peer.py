"""scikit-learn peer for the churn benchmark: same files, same split, JSON lines out."""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

out = sys.argv[1]
meta = json.load(open(f"{out}/churn-meta.json"))
n, names = meta["nRows"], meta["names"]
x = np.fromfile(f"{out}/churn-x.f64", dtype="<f8").reshape(len(names), n).T.copy()
y = np.fromfile(f"{out}/churn-y.u8", dtype=np.uint8)
test = np.fromfile(f"{out}/churn-test.i32", dtype="<i4")
is_test = np.zeros(n, dtype=bool)
is_test[test] = True
xtr, ytr, xte, yte = x[~is_test], y[~is_test], x[test], y[test]

models = {
    # Standardised like ours, so both minimise the same penalised objective.
    "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000, tol=1e-8)),
    "forest": RandomForestClassifier(n_estimators=50, max_depth=20, min_samples_leaf=20, max_features="sqrt", n_jobs=-1, random_state=1),
    # early_stopping off so it really runs 200 rounds, like ours.
    "boosting": HistGradientBoostingClassifier(max_iter=200, max_depth=3, learning_rate=0.2, early_stopping=False, random_state=1),
}
for name, model in models.items():
    start, cpu_start = time.perf_counter(), time.process_time()
    model.fit(xtr, ytr)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    auc = roc_auc_score(yte, model.predict_proba(xte)[:, 1])
    print(json.dumps({"side": "sklearn", "model": name, "auc": auc, "fitSeconds": seconds, "cpuSeconds": cpu_seconds}), flush=True)
