#!/usr/bin/env bash
# One whole pipeline run on a fresh state folder, measured: wall time and largest process
# (/usr/bin/time -v), per-activity times and the training queue's timeline from the history, and
# per-activity CPU time and peak memory from RSS/CPU samples. Its own Temporal dev server on a free
# port (one task-queue partition, as the local stack starts it), so the history outlives the run.
#   bench/pipeline/measure-run.sh <logs dir> <run id>
# Writes bench/out/runs/<run id>/ and prints the tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
logs=$(realpath "${1:?usage: measure-run.sh <logs dir> <run id>}")
run=${2:?usage: measure-run.sh <logs dir> <run id>}
out=$PWD/bench/out/runs/$run
home=$PWD/bench/out/home-$run
rm -rf "$out" "$home"
mkdir -p "$out" "$home"
temporal=.venv/bin/temporal
port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
"$temporal" server start-dev --headless --port "$port" --db-filename "$home/temporal.sqlite" --log-level warn \
  --dynamic-config-value matching.numTaskqueueReadPartitions=1 --dynamic-config-value matching.numTaskqueueWritePartitions=1 \
  > "$out/temporal.log" 2>&1 &
server=$!
node --import tsx bench/pipeline/rss-sampler.ts "$out/samples.tsv" &
sampler=$!
trap 'kill $sampler $server 2>/dev/null || true' EXIT
until "$temporal" operator cluster health --address "127.0.0.1:$port" > /dev/null 2>&1; do sleep 1; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
MUSICBOX_HOME=$home TEMPORAL_ADDRESS=127.0.0.1:$port /usr/bin/time -v node bin/musicbox.js run --run-id "$run" --logs "$logs" > "$out/run.log" 2> "$out/time.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
"$temporal" workflow show -w "churn-pipeline-$run" -o json --address "127.0.0.1:$port" > "$out/history.json"
grep -E 'Elapsed|Maximum resident|Percent of CPU' "$out/time.log"
node --import tsx bench/pipeline/activity-times.ts "$out/history.json"
node --import tsx bench/pipeline/stage-memory.ts "$out/history.json" "$out/samples.tsv"
node --import tsx bench/pipeline/queue-timeline.ts "$out/history.json"
