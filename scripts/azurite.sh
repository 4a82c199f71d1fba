#!/usr/bin/env bash
# Starts, stops or reports the local Azurite table service (the version pinned in package.json) on
# 127.0.0.1:10002, keeping its data in .azurite/ so it survives restarts. Usage: scripts/azurite.sh start|stop|status
# (AZURITE_TABLE_PORT and AZURITE_DIR choose another port and data folder, as the tests do).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${AZURITE_TABLE_PORT:-10002}"
DIR="${AZURITE_DIR:-.azurite}"
PIDFILE="$DIR/azurite.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

case "${1:-status}" in
  start)
    if listening; then echo "Azurite: already listening on 127.0.0.1:$PORT"; exit 0; fi
    [ -x node_modules/.bin/azurite-table ] || npm ci --no-audit --no-fund --loglevel=error
    mkdir -p "$DIR"
    nohup node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$PORT" --location "$DIR" \
      --disableTelemetry --silent >"$DIR/azurite.log" 2>&1 &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 300); do listening && { echo "Azurite: started on 127.0.0.1:$PORT (data in $DIR/)"; exit 0; }; sleep 0.1; done
    echo "error: Azurite did not start; see $DIR/azurite.log" >&2; exit 1 ;;
  stop)
    if [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null; then
      # Return only once it has exited and released the port, so `stop; start` starts a new one.
      pid=$(cat "$PIDFILE")
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || listening || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; sleep 0.2; fi
      for _ in $(seq 1 50); do listening || break; sleep 0.1; done
      if listening; then echo "error: Azurite (pid $pid) still holds 127.0.0.1:$PORT" >&2; exit 1; fi
      echo "Azurite: stopped"
    else
      echo "Azurite: not started by this script"
    fi
    rm -f "$PIDFILE" ;;
  status)
    if listening; then echo "Azurite: listening on 127.0.0.1:$PORT"; else echo "Azurite: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
