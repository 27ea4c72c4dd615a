#!/usr/bin/env bash
# Reproduces Hydra's default models: an Iolaus dataset for every emulated plot type, one CNN per
# plot type trained on it, and only those that reach the held-out accuracy bar are written to
# Hydra.Inference/DefaultModels (<PLOT>.onnx + <PLOT>.json model card). Inference installs them for
# plot types that have no model yet. Deterministic for a seed; takes a while on two cores.
#   eng/train-default-models.sh [images per plot, default 400] [seed, default 1] [accuracy bar, default 0.9]
set -euo pipefail
cd "$(dirname "$0")/.."
per_plot="${1:-400}"
seed="${2:-1}"
bar="${3:-0.9}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release Hydra.Iolaus >/dev/null
iolaus() { dotnet Hydra.Iolaus/bin/Release/net10.0/Hydra.Iolaus.dll "$@"; }
iolaus dataset --out "$work/dataset" --per-plot "$per_plot" --seed "$seed"
rm -f Hydra.Inference/DefaultModels/*.onnx Hydra.Inference/DefaultModels/*.json
# Good/Bad/NoData in colour: see Hydra.Inference/DefaultModels/README.md for why and what it measured.
iolaus train --dataset "$work/dataset" --out Hydra.Inference/DefaultModels --seed "$seed" --min-accuracy "$bar" \
  --fold Acceptable=Good,HotChannel=Bad --input 3x80x160 --blocks 8,16,32
