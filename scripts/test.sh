#!/usr/bin/env bash
# The whole test suite: installs the pinned Azurite the integration tests start (each on its own free port,
# in memory), then runs every test project. Pass --fast to leave out the suites marked Category=Slow;
# other arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite-table ] || npm ci --no-audit --no-fund --loglevel=error
filter=()
if [ "${1:-}" = "--fast" ]; then filter=(--filter "Category!=Slow"); shift; fi
exec dotnet test Monitor.sln -c Release --nologo "${filter[@]}" "$@"
