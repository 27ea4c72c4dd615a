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
exec redis-server "$folder/redis.conf"
