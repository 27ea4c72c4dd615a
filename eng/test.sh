#!/usr/bin/env bash
# Runs every Hydra test against real components: installs PostgreSQL, Redis and Chromium when
# missing, runs `dotnet test` over the solution (the integration tests start PostgreSQL and Redis
# themselves through the AppHost), then prints "N passed, N failed" counted from the TRX results.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/eng/install-prerequisites.sh" --tests

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test "$root/Hydra.sln" --logger trx --results-directory "$results" "$@" || status=$?
"$root/eng/test-summary.sh" "$results"
exit "$status"
