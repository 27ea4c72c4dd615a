#!/usr/bin/env bash
# Runs Debian's PostgreSQL server in the foreground for Hydra's local mode (no Docker engine).
#   postgres.sh <folder> <port>
# <folder> keeps the cluster between runs; <folder>/password (written by the AppHost) is the
# password of the "postgres" role. The server listens on 127.0.0.1 only, with no Unix socket so it
# can never collide with a system cluster's socket.
set -euo pipefail
folder="${1:?folder}"
port="${2:?port}"
cluster="$folder/cluster"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$bin" ]]; then
  echo "hydra: PostgreSQL is not installed; run eng/install-prerequisites.sh (apt-get install postgresql)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root; as root, hand the folder to the postgres user and drop to it
# with setpriv, which execs (no extra process in between) so signals reach the server directly.
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  chown -R postgres:postgres "$folder"
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [[ ! -s "$cluster/PG_VERSION" ]]; then
  echo "hydra: creating a PostgreSQL cluster in $cluster"
  rm -rf "$cluster"
  "${as_owner[@]}" "$bin/initdb" --pgdata="$cluster" --username=postgres --pwfile="$folder/password" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

"${as_owner[@]}" "$bin/postgres" -D "$cluster" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= &
server=$!

# On SIGTERM PostgreSQL does a "smart" shutdown that waits for every client to hang up; the
# AppHost's own health-check pool never does, so stop fast instead (still a clean checkpoint).
trap 'kill -INT "$server" 2>/dev/null' TERM INT
# Tests and benchmarks set HYDRA_STOP_WITH_PARENT: a test host killed outright (kill -9, a crash)
# never stops its servers, so the same fast shutdown follows once the parent is gone.
parent=$PPID
while kill -0 "$server" 2>/dev/null; do
  if [[ -n "${HYDRA_STOP_WITH_PARENT:-}" ]]; then
    kill -0 "$parent" 2>/dev/null || kill -INT "$server" 2>/dev/null || true
    sleep 1 & wait $! || true
  else
    wait "$server" || true
  fi
done
wait "$server"
