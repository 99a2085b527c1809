#!/usr/bin/env bash
# Longer fuzzing runs, with one command: configures and builds the libFuzzer targets (clang,
# AddressSanitizer and UndefinedBehaviorSanitizer) in build-fuzz/, then runs every target, or
# the ones whose run name matches REGEX, for SECONDS each, as many at once as there are cores.
#   fuzz/run.sh [SECONDS] [REGEX]          e.g.  fuzz/run.sh 3600     fuzz/run.sh 600 model_
# The corpus each run grows stays in build-fuzz/fuzz/<run>/corpus for the next run; an input
# that crashed is in build-fuzz/fuzz/<run>/artifacts/ (docs/reliability.md says what next).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
regex=${2:-.}
build=${DIMSUM_FUZZ_BUILD:-build-fuzz}
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDIMSUM_FUZZ=ON -DDIMSUM_BENCH=OFF >/dev/null
cmake --build "$build"
DIMSUM_FUZZ_SEED=${DIMSUM_FUZZ_SEED:-0} DIMSUM_FUZZ_SECONDS=$seconds ctest --test-dir "$build" -L fuzz -R "fuzz_.*($regex)" \
  --output-on-failure -j "$(nproc)" --timeout $((seconds + 600))
