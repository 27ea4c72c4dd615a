#!/usr/bin/env bash
# Reproduces every shipped default model: Hydra.Inference/DefaultModels/recipe.txt says how each was
# made (images, epochs, training seed, calibration images, schedule, conv blocks; a test holds it to the cards),
# and plot types that share a line's settings train together in one eng/train-default-models.sh
# call. Today's code and labels: a model trained before a labelling ADR comes back on today's labels.
# The whole table takes about a day on two cores (a 6,000-image plot type ~25 min). Each call first
# removes its plot types' models, so an interrupted call leaves them without one (git restores
# the shipped files); go on with PLOTS set to the plot types not done yet.
#   eng/reproduce-default-models.sh
# PLOTS=A,B limits it to those plot types (each must be in the recipe); DRY_RUN=1 prints the calls
# instead of making them; RECIPE=FILE reads another table of the same form. A malformed line stops
# it before any training.
set -euo pipefail
cd "$(dirname "$0")/.."
recipe="${RECIPE:-Hydra.Inference/DefaultModels/recipe.txt}"

declare -A groups=() seen=()
line_number=0
while read -r plot images epochs seed calibration schedule blocks rest; do
  line_number=$((line_number + 1))
  [[ -z "${plot:-}" || "$plot" == \#* ]] && continue
  if ! [[ "$images" =~ ^[0-9]+$ && "$epochs" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ && "$calibration" =~ ^[0-9]+$ \
        && "$schedule" =~ ^(constant|cosine)$ && "${blocks:-}" =~ ^[0-9]+(,[0-9]+)*$ && -z "${rest:-}" ]]; then
    echo "$recipe:$line_number: expected 'plot images epochs seed calibration constant|cosine blocks', got: $plot $images $epochs $seed $calibration $schedule ${blocks:-} ${rest:-}" >&2
    exit 2
  fi
  seen[$plot]=1
  [[ -z "${PLOTS:-}" || ",$PLOTS," == *",$plot,"* ]] || continue
  key="$images:$epochs:$seed:$calibration:$schedule:$blocks"
  groups[$key]="${groups[$key]:+${groups[$key]},}$plot"
done < "$recipe"

for plot in ${PLOTS:+${PLOTS//,/ }}; do
  [[ -n "${seen[$plot]:-}" ]] || { echo "$plot is not in $recipe" >&2; exit 2; }
done

for key in $(printf '%s\n' "${!groups[@]}" | sort -t: -k1,1n -k2,2n -k3,3n -k4,4n -k5,5 -k6,6); do
  IFS=: read -r images epochs seed calibration schedule blocks <<< "$key"
  call=(env PLOTS="${groups[$key]}" EPOCHS="$epochs" TRAINING_SEED="$seed" CALIBRATION_PER_PLOT="$calibration" SCHEDULE="$schedule" BLOCKS="$blocks" eng/train-default-models.sh "$images" 1)
  if [[ -n "${DRY_RUN:-}" ]]; then echo "${call[*]}"; else "${call[@]}"; fi
done
