#!/usr/bin/env bash
# Regenerates deploy/aspire/manifest.json, the Aspire manifest of Hydra's wiring (ADR-012).
#   eng/publish-manifest.sh
# Containers mode so PostgreSQL and Redis appear as the usual Aspire resources rather than this
# machine's local programs, and no demo stream: the manifest describes a real deployment. Needs
# no Docker engine and no network (publish mode starts nothing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/deploy/aspire"
dotnet run --project "$root/Hydra.AppHost" --no-launch-profile -- \
  --publisher manifest --output-path "$root/deploy/aspire/manifest.json" \
  --Hydra:Infrastructure=containers --Hydra:Demo:Enabled=false
