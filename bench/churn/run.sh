#!/usr/bin/env bash
# Churn-model benchmark: our LR / RF / GBT against scikit-learn on the same synthetic
# 60,000 × 31 dataset and the same 80/20 split. Usage: bench/churn/run.sh [--no-grid]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/churn
venv=bench/.venv
mkdir -p "$out"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sklearn, numpy' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scikit-learn numpy
fi
node --import tsx bench/churn/generate.ts "$out" 60000
echo "host: $(nproc) cores, node $(node --version), $("$venv/bin/python" -c 'import sklearn; print("scikit-learn", sklearn.__version__)'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
node --import tsx bench/churn/ours.ts "$out" "$@" | tee "$out/ours.jsonl"
"$venv/bin/python" bench/churn/peer.py "$out" | tee "$out/sklearn.jsonl"
node --import tsx bench/churn/ml-random-forest.ts "$out" 5000 | tee "$out/ml-random-forest.jsonl"
echo
node --import tsx bench/churn/compare.ts "$out/ours.jsonl" "$out/sklearn.jsonl" "$out/ml-random-forest.jsonl"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
