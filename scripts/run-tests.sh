#!/usr/bin/env bash
# Runs the test tiers with node's test runner. Usage: scripts/run-tests.sh [unit|workflow|replay|all]
set -euo pipefail
cd "$(dirname "$0")/.."
tier="${1:-all}"
case "$tier" in
  unit) dirs=(test/unit) ;;
  workflow) dirs=(test/workflow) ;;
  replay) dirs=(test/replay) ;;
  integration) dirs=(test/integration) ;;
  all) dirs=(test/unit test/integration test/workflow test/replay) ;;
  *) echo "unknown tier '$tier' (unit, integration, workflow, replay, all)" >&2; exit 2 ;;
esac
files=()
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  while IFS= read -r f; do files+=("$f"); done < <(find "$d" -name '*.test.ts' | sort)
done
[ "${#files[@]}" -gt 0 ] || { echo "no test files in ${dirs[*]}" >&2; exit 1; }
# One file at a time: the embedded engine and the dev server are process-wide singletons.
exec node --import tsx --test --test-concurrency=1 "${files[@]}"
