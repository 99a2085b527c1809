#!/usr/bin/env bash
# Runs every benchmark: in-process checking (Google Benchmark) and the command line end to end.
#   bench/run.sh            (after scripts/setup; builds what is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --target dimsum dimsum_bench write_vgg16 cli_time
build/bench/dimsum_bench --benchmark_min_time=0.5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/bench/write_vgg16 > "$tmp/vgg16.json"
echo
echo "command line, end to end (dimsum check on the VGG16 config):"
build/bench/cli_time 200 build/dimsum check "$tmp/vgg16.json"
