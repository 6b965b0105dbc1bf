#!/usr/bin/env bash
# The feature stage's training data against DuckDB on the same events (see vs-duckdb.ts).
# Usage: MUSICBOX_HOME=<state folder with the seed-scale logs ingested> bench/features/vs-duckdb.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=bench/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet duckdb
fi
echo "host: $(nproc) cores, node $(node --version), DuckDB $("$venv/bin/python" -c 'import duckdb; print(duckdb.__version__)')"
node --import tsx bench/features/vs-duckdb.ts "$@"
