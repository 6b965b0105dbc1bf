#!/usr/bin/env bash
# Generates seed-scale raw logs (60,000 users x 44 days) into bench/out/seed-logs
# and prints rows, seconds, rows/s and bytes. Extra arguments go to the generator
# (e.g. --gzip, --users 600000 for a larger run).
#   bench/generator/run.sh [--gzip] [--users N] [--days D]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/seed-logs
rm -rf "$out"
mkdir -p bench/out
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
summary=$( { time -p node bin/musicbox.js generate --users 60000 --days 44 --seed 42 --json --out "$out" "$@" 2>/dev/null; } 2>bench/out/seed-logs.time )
echo "$summary"
wall=$(awk '/^real/ {print $2}' bench/out/seed-logs.time)
cpu=$(awk '/^(user|sys)/ {s += $2} END {print s}' bench/out/seed-logs.time)
node -e '
  const s = JSON.parse(process.argv[1]);
  const wall = Number(process.argv[2]);
  const m = require("./" + process.argv[4] + "/manifest.json");
  const t = m.totals;
  console.log(`rows (physical lines): ${s.lines}`);
  console.log(`events that load: play ${t.play.events}, down ${t.down.events}, search ${t.search.events}, total ${m.events}`);
  console.log(`blank ${t.play.blank + t.down.blank + t.search.blank}, repaired edge ${t.play.repairedEdge + t.down.repairedEdge + t.search.repairedEdge}, repaired split ${t.down.repairedSplit}, rejected ${t.play.rejected + t.down.rejected + t.search.rejected}, bots ${s.bots}`);
  console.log(`seconds (wall, incl. node+tsx start): ${wall}; cpu ${process.argv[3]}; generator ${s.seconds}`);
  console.log(`rows/s: ${Math.round(s.lines / wall)}`);
  console.log(`bytes: ${s.bytes} (${(s.bytes / 1048576).toFixed(1)} MiB)`);
' "$summary" "$wall" "$cpu" "$out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
