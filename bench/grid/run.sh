#!/usr/bin/env bash
# Grid search, ours against scikit-learn's GridSearchCV(RandomForestClassifier(n_jobs=-1), cv=5), on
# the same training matrix, split, folds and 18 cells, one after the other in one go:
#   bench/grid/run.sh <training.arrows> [threads=2]
# The matrix is a run's export (artifacts/<run>/training.arrows) or export-seed-matrix.ts's.
set -euo pipefail
cd "$(dirname "$0")/../.."
matrix=${1:?usage: bench/grid/run.sh <training.arrows> [threads]}
threads=${2:-2}
out=bench/out/grid
venv=bench/.venv
mkdir -p "$out"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sklearn, numpy' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scikit-learn numpy
fi
echo "host: $(nproc) cores, node $(node --version), $("$venv/bin/python" -c 'import sklearn; print("scikit-learn", sklearn.__version__)'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
node --import tsx bench/grid/ours.ts "$matrix" "$out" "$threads" | tee "$out/ours.json"
echo "load average between: $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" bench/grid/peer.py "$out" | tee "$out/sklearn.json"
node --import tsx bench/grid/compare.ts "$out/ours.json" "$out/sklearn.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
