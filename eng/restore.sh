#!/usr/bin/env bash
# Restores an archive written by eng/backup.sh into a database, creating it when it is missing.
#   eng/restore.sh <archive-file> <database> [--replace]
# The server and credentials come from libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD).
# An existing database that already has tables is refused unless --replace is given: then it is
# dropped and created again. Stop the service that owns the database first (scale it to 0), or
# it would write into a half-restored database; it migrates the restored schema forward at start.
set -euo pipefail
archive="${1:?usage: restore.sh <archive-file> <database> [--replace]}"
database="${2:?usage: restore.sh <archive-file> <database> [--replace]}"
replace="${3:-}"

for tool in psql pg_restore; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "hydra: $tool is missing; apt-get install postgresql-client" >&2
    exit 1
  fi
done
if [[ ! -s "$archive" ]]; then
  echo "hydra: no archive at $archive" >&2
  exit 1
fi
if [[ ! "$database" =~ ^[a-z_][a-z0-9_]*$ ]]; then
  echo "hydra: '$database' is not a plain database name (lower-case letters, digits, _)" >&2
  exit 1
fi

admin=(psql --dbname=postgres --no-psqlrc --quiet --tuples-only --no-align --set=ON_ERROR_STOP=1)
exists=$("${admin[@]}" --command="SELECT 1 FROM pg_database WHERE datname = '$database'")
if [[ "$exists" == "1" ]]; then
  tables=$(psql --dbname="$database" --no-psqlrc --tuples-only --no-align \
    --command="SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  if [[ "$tables" != "0" && "$replace" != "--replace" ]]; then
    echo "hydra: $database already has $tables tables; pass --replace to drop it and restore" >&2
    exit 1
  fi
  if [[ "$tables" != "0" ]]; then
    "${admin[@]}" --command="DROP DATABASE \"$database\" WITH (FORCE)"
    exists=""
  fi
fi
if [[ "$exists" != "1" ]]; then
  "${admin[@]}" --command="CREATE DATABASE \"$database\""
fi

# One transaction: a restore either completes or leaves the database empty.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database" "$archive"
echo "hydra: $archive restored into $database"
