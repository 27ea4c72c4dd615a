#!/usr/bin/env bash
# Brings up the whole of Hydra on this machine: installs PostgreSQL and Redis when missing, then
# runs the Aspire AppHost (dashboard http://localhost:15080, Web http://localhost:5080).
# With a Docker engine, `dotnet run --project Hydra.AppHost` alone does the same with containers.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! docker info >/dev/null 2>&1; then
  "$root/eng/install-prerequisites.sh"
fi
exec dotnet run --project "$root/Hydra.AppHost" --launch-profile http -- "$@"
