#!/usr/bin/env bash
# Installs, from Debian's packages, what Hydra runs on when no Docker engine is there:
# PostgreSQL and Redis for the app, and Chromium as well for the browser tests (--tests).
# Installs only what is missing; needs root or sudo only when something is missing.
set -euo pipefail

packages=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
if [[ "${1:-}" == "--tests" ]]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  # DejaVu is the font the server-side plot renderer and the browser tests' screenshots rely on.
  [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || packages+=(fonts-dejavu-core)
fi

if ((${#packages[@]} == 0)); then
  exit 0
fi

echo "hydra: installing ${packages[*]} from Debian's packages" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
