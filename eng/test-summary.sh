#!/usr/bin/env bash
# Sums the counters of every TRX file under a folder and prints the closing line CI reads:
# "N passed, N failed" (", N skipped" when any). A run with no result files counts as a failure.
set -euo pipefail
folder="${1:?usage: test-summary.sh <results folder>}"

shopt -s nullglob globstar
files=("$folder"/**/*.trx)
if ((${#files[@]} == 0)); then
  echo "no test results were written (did the build fail?)" >&2
  echo "0 passed, 1 failed"
  exit 0
fi

# Counters look like: <Counters total="5" executed="5" passed="4" failed="1" error="0" timeout="0" ... notExecuted="0" .../>
# A skipped xunit test is counted in total but not in executed (notExecuted stays 0), so skipped = total - executed.
grep -ho '<Counters [^>]*>' "${files[@]}" | awk '
  function attr(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
  { passed += attr("passed"); failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted"); skipped += attr("total") - attr("executed") }
  END {
    line = passed " passed, " failed " failed"
    if (skipped > 0) line = line ", " skipped " skipped"
    print line
  }'
