#!/usr/bin/env bash
# Recommender benchmark: our NMF / TruncatedSVD / item-item / popularity against
# scikit-learn's NMF and TruncatedSVD on the same synthetic utility matrix.
# Usage: bench/recsys/run.sh [k] [users for the full top-10 timing (default: all)]
set -euo pipefail
cd "$(dirname "$0")/../.."
k="${1:-20}"
full_users="${2:-}"
out=bench/out/recsys
venv=bench/.venv

if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c 'import sklearn, scipy, numpy' 2>/dev/null; then
  "$venv/bin/pip" install -q scikit-learn scipy numpy
fi
mkdir -p "$out"

echo "== data"
"$venv/bin/python" bench/recsys/generate.py --out "$out"
echo "== scikit-learn $("$venv/bin/python" -c 'import sklearn; print(sklearn.__version__)')"
"$venv/bin/python" bench/recsys/sklearn_side.py --data "$out" --k "$k" | tee "$out/sklearn.json"
echo "== node $(node --version)"
node --import tsx bench/recsys/node-side.ts "$out" "$k" ${full_users:+"$full_users"}
