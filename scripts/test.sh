#!/usr/bin/env bash
# The whole test suite: installs the pinned Azurite the integration tests start (each on its own free port,
# in memory), then runs every test project. Pass --fast to leave out the suites marked Category=Slow;
# other arguments go to `dotnet test`. Skipped tests are listed at the end with the reason each gave.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite-table ] || npm ci --no-audit --no-fund --loglevel=error
filter=()
if [ "${1:-}" = "--fast" ]; then filter=(--filter "Category!=Slow"); shift; fi
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Monitor.sln -c Release --nologo "${filter[@]}" --logger trx --results-directory "$results" "$@" || status=$?
shopt -s nullglob
trx=("$results"/*.trx)
[ ${#trx[@]} -eq 0 ] || node scripts/skipped.mjs "${trx[@]}"
exit "$status"
