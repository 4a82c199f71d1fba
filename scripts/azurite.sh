#!/usr/bin/env bash
# Starts, stops or reports the local Azurite table service (the version pinned in package.json) on
# 127.0.0.1:10002, keeping its data in .azurite/ so it survives restarts. Usage: scripts/azurite.sh start|stop|status
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${AZURITE_TABLE_PORT:-10002}"
PIDFILE=.azurite/azurite.pid

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

case "${1:-status}" in
  start)
    if listening; then echo "Azurite: already listening on 127.0.0.1:$PORT"; exit 0; fi
    [ -x node_modules/.bin/azurite-table ] || npm ci --no-audit --no-fund --loglevel=error
    mkdir -p .azurite
    nohup node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$PORT" --location .azurite \
      --disableTelemetry --silent >.azurite/azurite.log 2>&1 &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do listening && { echo "Azurite: started on 127.0.0.1:$PORT (data in .azurite/)"; exit 0; }; sleep 0.1; done
    echo "error: Azurite did not start; see .azurite/azurite.log" >&2; exit 1 ;;
  stop)
    if [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null; then echo "Azurite: stopped"; else echo "Azurite: not started by this script"; fi
    rm -f "$PIDFILE" ;;
  status)
    if listening; then echo "Azurite: listening on 127.0.0.1:$PORT"; else echo "Azurite: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
