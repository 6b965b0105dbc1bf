#!/usr/bin/env bash
# Runs the test tiers: scripts/run-tests.sh [unit|integration|workflow|replay|all]...
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx test/support/run-suite.ts "$@"
