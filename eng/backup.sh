#!/usr/bin/env bash
# Backs up one Hydra database (monitoring or assistant) into a pg_dump custom-format archive.
#   eng/backup.sh <database> <archive-file>
# The server and credentials come from libpq's environment: PGHOST, PGPORT, PGUSER, PGPASSWORD
# (or ~/.pgpass). pg_dump reads one consistent snapshot while Hydra keeps running, so there is no
# need to stop anything. Use a pg_dump at least as new as the server (Debian 12 ships 15).
set -euo pipefail
database="${1:?usage: backup.sh <database> <archive-file>}"
archive="${2:?usage: backup.sh <database> <archive-file>}"

if ! command -v pg_dump >/dev/null 2>&1; then
  echo "hydra: pg_dump is missing; apt-get install postgresql-client" >&2
  exit 1
fi

# Write beside the target and rename at the end: a failed dump never leaves a truncated archive
# under the name a restore would pick up.
partial="$archive.partial"
trap 'rm -f "$partial"' EXIT
# --no-owner / --no-privileges: the archive restores into any role's database (a fresh managed
# server rarely has the same role names). Custom format: compressed, and pg_restore can pick tables.
pg_dump --format=custom --no-owner --no-privileges --dbname="$database" --file="$partial"
mv "$partial" "$archive"
trap - EXIT
echo "hydra: $database backed up to $archive ($(stat -c %s "$archive") bytes)"
