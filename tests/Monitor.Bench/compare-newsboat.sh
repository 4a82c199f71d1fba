#!/usr/bin/env bash
# Monitor beside newsboat in one run on the shared feed farm (200 feeds x 50 items, 20 hosts, 50 ms, --max-age 0):
# a cold pass, an all-unchanged pass and a 2%-new pass for each, RUNS times, alternating, each run on fresh
# storage (Monitor: a new table prefix in an in-memory Azurite; newsboat: a new cache). Prints wall, CPU and peak
# RSS per pass, then the medians and the ratios. Needs a Release build and newsboat (Debian package).
#   tests/Monitor.Bench/compare-newsboat.sh [RUNS] [extra monitor poll arguments...]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"; shift || true
FARM_SCRIPT="$(cd .. && pwd)/shared/bench/feedfarm.py"
[ -f "$FARM_SCRIPT" ] || { echo "skipped: $FARM_SCRIPT is absent"; exit 0; }
command -v newsboat >/dev/null || { echo "skipped: newsboat is not installed"; exit 0; }
DLL=src/Monitor.Cli/bin/Release/net10.0/monitor.dll
[ -f "$DLL" ] || { echo "error: build first (dotnet build Monitor.sln -c Release)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

python3 "$FARM_SCRIPT" --max-age 0 --base-port 0 --out "$work/farm" >"$work/farm.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -f "$work/farm/farm.json" ] && break; sleep 0.1; done
control=$(python3 -c "import json,sys; print(json.load(open('$work/farm/farm.json'))['ports'][0])")
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
qport=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence --disableTelemetry --silent >/dev/null 2>&1 &
pids+=($!)
sleep 1.5
export MONITOR_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
export MONITOR_ALLOW_PRIVATE_NETWORKS=true
printf 'reload-threads 20\n' >"$work/newsboat.conf"
results="$work/results.tsv"

# measure NAME SCENARIO COMMAND...: one line "name scenario wall cpu peakMiB" into results
measure() {
  local name=$1 scenario=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  read -r wall user sys kb <"$work/time"
  local cpu; cpu=$(python3 -c "print(f'{$user+$sys:.2f}')")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$scenario" "$wall" "$cpu" "$((kb / 1024))" | tee -a "$results"
}

for run in $(seq 1 "$RUNS"); do
  export Storage__TablePrefix="cmp${run}x$$"
  rm -rf "$work/nb"; mkdir -p "$work/nb"
  nb=(newsboat -x reload -C "$work/newsboat.conf" -u "$work/farm/urls.txt" -c "$work/nb/cache.db")
  mon=(dotnet "$DLL" poll --feeds "$work/farm/urls.txt" "$@")
  measure monitor cold "${mon[@]}"
  measure newsboat cold "${nb[@]}"
  measure monitor unchanged "${mon[@]}"
  measure newsboat unchanged "${nb[@]}"
  curl -s "http://127.0.0.1:$control/change" >/dev/null
  measure monitor 2%new "${mon[@]}"
  measure newsboat 2%new "${nb[@]}"
done

python3 - "$results" <<'EOF'
import sys, statistics
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
med = {}
for name, scen, wall, cpu, mib in rows:
    med.setdefault((name, scen), []).append((float(wall), float(cpu), int(mib)))
print()
print("| pass | Monitor wall | CPU | peak RSS | newsboat wall | CPU | peak RSS | ratio (wall) |")
print("|---|---|---|---|---|---|---|---|")
for scen in ["cold", "unchanged", "2%new"]:
    m = sorted(med[("monitor", scen)]); n = sorted(med[("newsboat", scen)])
    mm = m[len(m)//2]; nn = n[len(n)//2]
    print(f"| {scen} | {mm[0]:.2f} s | {statistics.median(x[1] for x in m):.2f} s | {max(x[2] for x in m)} MiB | "
          f"{nn[0]:.2f} s | {statistics.median(x[1] for x in n):.2f} s | {max(x[2] for x in n)} MiB | {mm[0]/nn[0]:.2f}x |")
EOF
