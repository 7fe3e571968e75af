#!/usr/bin/env bash
# One fuzz target for a bounded time, as its ctest test (tests/fuzz/CMakeLists.txt):
#   run.sh BINARY SEEDS WORK_DIR SECONDS
# libFuzzer adds what it finds to its first corpus directory, so it runs over
# WORK_DIR/corpus in the build directory: the seeds copied in, and what earlier runs
# there found. A crash, a sanitizer report, a leak or one input taking over 10 s fails
# the test and leaves the input in WORK_DIR/artifacts/ (docs/fuzzing.md).
set -euo pipefail
binary=$1 seeds=$2 work=$3 seconds=$4
mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/"
exec "$binary" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus"
