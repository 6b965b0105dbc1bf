#!/usr/bin/env bash
# One whole pipeline run on a fresh state folder, measured: wall time and largest process
# (/usr/bin/time -v), per-activity times and the training queue's timeline from the history, and
# per-activity CPU time and peak memory from RSS/CPU samples. Its own Temporal dev server on a free
# port (one task-queue partition, as the local stack starts it), so the history outlives the run.
#   bench/pipeline/measure-run.sh <logs dir> <run id> [remote]
# `remote`: the deployment of README's "Deploying on several machines" on this one machine: a SQL
# worker keeping artifacts in ClickHouse and serving its engine over HTTP, two training workers
# each with its own empty MUSICBOX_HOME and only TEMPORAL_ADDRESS and CLICKHOUSE_URL, the run
# started with the temporal CLI (the largest-process line of /usr/bin/time is then the CLI's; the
# per-process table is what counts).
# Writes bench/out/runs/<run id>/ and prints the tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
logs=$(realpath "${1:?usage: measure-run.sh <logs dir> <run id> [remote]}")
run=${2:?usage: measure-run.sh <logs dir> <run id> [remote]}
mode=${3:-local}
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
if [ "$mode" = remote ]; then
  export MUSICBOX_HOME=$home TEMPORAL_ADDRESS=127.0.0.1:$port
  ready() { until grep -q 'worker ready' "$1"; do sleep 0.5; if ! kill -0 "$2" 2> /dev/null; then cat "$1" >&2; exit 1; fi; done; }
  MUSICBOX_ARTIFACT_STORE=clickhouse MUSICBOX_SQL_HTTP=127.0.0.1:0 node bin/musicbox.js worker sql > "$out/sql-worker.log" 2>&1 &
  workers=($!)
  trap 'kill ${workers[*]} $sampler $server 2>/dev/null || true' EXIT
  ready "$out/sql-worker.log" "${workers[0]}"
  url=$(node --import tsx bench/pipeline/sql-endpoint-url.ts "$home")
  for i in 1 2; do
    MUSICBOX_HOME=$(mktemp -d) CLICKHOUSE_URL=$url MUSICBOX_THREADS=1 node bin/musicbox.js worker training > "$out/training-worker-$i.log" 2>&1 &
    workers+=($!)
    ready "$out/training-worker-$i.log" "${workers[$i]}"
  done
  /usr/bin/time -v "$temporal" workflow execute --task-queue musicbox-workflows --type churnPipeline --workflow-id "churn-pipeline-$run" \
    --input "{\"runId\": \"$run\", \"logsDir\": \"$logs\"}" --address "127.0.0.1:$port" > "$out/run.log" 2> "$out/time.log"
else
  MUSICBOX_HOME=$home TEMPORAL_ADDRESS=127.0.0.1:$port /usr/bin/time -v node bin/musicbox.js run --run-id "$run" --logs "$logs" > "$out/run.log" 2> "$out/time.log"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
"$temporal" workflow show -w "churn-pipeline-$run" -o json --address "127.0.0.1:$port" > "$out/history.json"
grep -E 'Elapsed|Maximum resident|Percent of CPU' "$out/time.log"
node --import tsx bench/pipeline/activity-times.ts "$out/history.json"
node --import tsx bench/pipeline/stage-memory.ts "$out/history.json" "$out/samples.tsv"
node --import tsx bench/pipeline/queue-timeline.ts "$out/history.json"
node --import tsx bench/pipeline/run-results.ts "$out/history.json"
