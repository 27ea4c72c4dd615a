#!/usr/bin/env bash
# Trains Hydra's default models with one set of settings (eng/reproduce-default-models.sh calls it
# with each shipped model's own, from Hydra.Inference/DefaultModels/recipe.txt): an Iolaus dataset
# for every emulated plot type, one CNN per plot type trained on it, and only those that reach the
# held-out accuracy bar are written to Hydra.Inference/DefaultModels (<PLOT>.onnx + <PLOT>.json model card). A model's card confirms Bad
# on at most 1 % of the held-out healthy images: its Bad threshold is raised as far as that needs,
# and the model is left out if it then confirms fewer than 70 % of the held-out Bad images (ADR-023). Then a
# calibration dataset of the next seed (never trained on) sets each Bad threshold to the lowest at
# which the model confirms Bad on at most 0.5 % of its healthy images, then raises it while it still
# confirms the same Bad images (ADR-024), as long as it still confirms 70 % of its Bad ones; a model that cannot meet both keeps its card and is named (ADR-019, ADR-020).
# Inference installs them for plot types that have no model yet. Deterministic for a seed; takes a
# while on two cores.
#   eng/train-default-models.sh [images per plot, default 400] [seed, default 1] [accuracy bar, default 0.9] [false-alarm bar, default 0.01]
# PLOTS=A,B limits both steps to those plot types (the others' shipped models are left alone);
# DATASET=FOLDER keeps the dataset there (and reuses it if it already has a manifest);
# EPOCHS=N trains for up to N epochs (default 60);
# INPUT=CxHxW and BLOCKS=A,B,C change the network's input and conv blocks (default 3x80x160 and 8,16,32);
# SCHEDULE=constant|cosine is the learning rate over the epochs (default constant);
# TRAINING_SEED=N seeds the training (initial weights, shuffling) apart from the dataset's seed;
# CALIBRATION=FOLDER keeps the calibration dataset there (reused like DATASET);
# CALIBRATION_PER_PLOT=N makes it N images per plot type (default 1000: ~600 healthy ones).
set -euo pipefail
cd "$(dirname "$0")/.."
per_plot="${1:-400}"
seed="${2:-1}"
bar="${3:-0.9}"
false_alarm_bar="${4:-0.01}"
epochs="${EPOCHS:-60}"
input="${INPUT:-3x80x160}"
blocks="${BLOCKS:-8,16,32}"
schedule="${SCHEDULE:-constant}"
training_seed="${TRAINING_SEED:-$seed}"
calibration_per_plot="${CALIBRATION_PER_PLOT:-1000}"
plots=(); [[ -n "${PLOTS:-}" ]] && plots=(--plots "$PLOTS")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dataset="${DATASET:-$work/dataset}"
calibration="${CALIBRATION:-$work/calibration}"

dotnet build -c Release Hydra.Iolaus >/dev/null
iolaus() { dotnet Hydra.Iolaus/bin/Release/net10.0/Hydra.Iolaus.dll "$@"; }
[[ -f "$dataset/manifest.jsonl" ]] || iolaus dataset --out "$dataset" --per-plot "$per_plot" --seed "$seed" "${plots[@]}"
if [[ -n "${PLOTS:-}" ]]; then
  for plot in ${PLOTS//,/ }; do rm -f "Hydra.Inference/DefaultModels/$plot.onnx" "Hydra.Inference/DefaultModels/$plot.json"; done
else
  rm -f Hydra.Inference/DefaultModels/*.onnx Hydra.Inference/DefaultModels/*.json
fi
# Good/Bad/NoData in colour, each image read relative to the mean Good training image (ADR-009),
# early stopping on a 15 % split with a patience of 30 epochs (12 stopped CND_tdc at epoch 36 with
# its best at 24: the split's ~300 images make the validation loss noisy), batches of 16: see Hydra.Inference/DefaultModels/HISTORY.md for what each bought.
iolaus train --dataset "$dataset" --out Hydra.Inference/DefaultModels --seed "$training_seed" --min-accuracy "$bar" --max-false-alarms "$false_alarm_bar" --min-confirmed-bad-recall 0.7 --epochs "$epochs" "${plots[@]}" \
  --fold Acceptable=Good,HotChannel=Bad --input "$input" --blocks "$blocks" --schedule "$schedule" --reference mean-good --validation 0.15 --batch 16 --patience 30
# The calibration images (the next seed, never trained on; only for the plot types that now have a
# model) and each Bad threshold by ADR-024: the same step that recalibrates shipped models.
CALIBRATION="$calibration" eng/calibrate-default-models.sh "$calibration_per_plot" "$((seed + 1))"
