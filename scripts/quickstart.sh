#!/usr/bin/env bash
# The main job on a fresh machine: install the pinned tools, build, start Azurite, run one polling pass over
# the default feeds, then print the coverage per topic and write a preview of the daily digest to a file.
# Azurite keeps running afterwards (scripts/azurite.sh stop).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
dotnet build Monitor.sln -c Release --nologo -v quiet
scripts/azurite.sh start
monitor() { dotnet run --no-build -c Release --project src/Monitor.Cli -- "$@"; }
monitor poll
echo
monitor topics
echo
# What the daily digest would say now (nothing is sent): it prints where the file is.
monitor digest --dry-run --to preview@localhost --out out/digest-preview.html
