#!/usr/bin/env bash
# Runs Debian's redis-server in the foreground for Hydra's local mode (no Docker engine).
#   redis.sh <folder> <port>
# <folder> keeps the append-only file between runs; <folder>/password (written by the AppHost)
# goes into a generated config file rather than onto the command line, where `ps` would show it.
set -euo pipefail
folder="${1:?folder}"
port="${2:?port}"

if ! command -v redis-server >/dev/null 2>&1; then
  echo "hydra: redis-server is not installed; run eng/install-prerequisites.sh (apt-get install redis-server)" >&2
  exit 1
fi

umask 077
cat > "$folder/redis.conf" <<CONF
bind 127.0.0.1
port $port
dir $folder
appendonly yes
save ""
requirepass $(cat "$folder/password")
CONF
if [[ -z "${HYDRA_STOP_WITH_PARENT:-}" ]]; then
  exec redis-server "$folder/redis.conf"
fi

# Tests and benchmarks set HYDRA_STOP_WITH_PARENT: a test host killed outright (kill -9, a crash)
# never stops its servers, and an orphaned redis-server would run on for good, holding its port.
redis-server "$folder/redis.conf" &
server=$!
parent=$PPID
trap 'kill -TERM "$server" 2>/dev/null' TERM INT
while kill -0 "$server" 2>/dev/null; do
  kill -0 "$parent" 2>/dev/null || kill -TERM "$server" 2>/dev/null || true
  sleep 1 & wait $! || true
done
wait "$server"
