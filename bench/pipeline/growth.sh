#!/usr/bin/env bash
# The same whole run at several sizes (default 1×, 3× and 10× the seed's 60,000 users, 44 days),
# one after the other, each measured by measure-run.sh on fresh state, then the growth table.
#   bench/pipeline/growth.sh [users ...]
# Logs go to bench/out/growth-logs-<users> (kept: generating 10× takes minutes and 6 GiB), runs
# to bench/out/runs/grow-<users>.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-60000 180000 600000}")
read -r -a sizes <<< "${sizes[*]}"
args=()
for users in "${sizes[@]}"; do
  logs=bench/out/growth-logs-$users
  if [ ! -f "$logs/manifest.json" ]; then
    rm -rf "$logs"
    node bin/musicbox.js generate --users "$users" --days 44 --seed 42 --out "$logs" > /dev/null
  fi
  echo "== $users users ==" >&2
  bench/pipeline/measure-run.sh "$logs" "grow-$users" > "bench/out/growth-$users.txt"
  grep -E 'Elapsed|Maximum resident' "bench/out/growth-$users.txt" >&2
  rm -rf "bench/out/home-grow-$users/clickhouse" # the run's tables: gigabytes at 10×, not needed for the table
  args+=("$users=bench/out/runs/grow-$users")
done
node --import tsx bench/pipeline/growth.ts "${args[@]}"
