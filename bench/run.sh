#!/usr/bin/env bash
# Every figure of docs/performance.md, in one run, on this machine:
#   bench/run.sh          (on a fresh clone: installs what it needs, builds Release, then measures)
# 1. in-process checks (Google Benchmark): VGG16, ResNet50, EfficientNetB0, residual graphs of
#    1k/10k/100k layers, a 1,000-line Python model file; the 100k/10k time ratio, from one process
#    that alternates the two checks;
# 2. scaling: the whole command's time and peak RSS at 1k, 10k and 100k layers;
# 3. the command line end to end on VGG16, and the many-files path on a folder of 10,000 configs;
# 4. the peer comparison: TensorFlow.js building the same models, in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps >/dev/null
if [ ! -d tests/oracle/node_modules ] || [ tests/oracle/package-lock.json -nt tests/oracle/node_modules ]; then
  (cd tests/oracle && npm ci --no-audit --no-fund --loglevel=error)
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --target dimsum dimsum_bench write_models cli_time inprocess_time > /dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

build/bench/write_models vgg16 > "$tmp/vgg16.json"
for model in ResNet50 EfficientNetB0; do
  /usr/bin/python3 tests/applications/keras_applications.py "$model" > "$tmp/$model.json"
done
for layers in 1000 10000 100000; do
  build/bench/write_models residual "$layers" > "$tmp/residual_$layers.json"
done
build/bench/write_models python 1000 > "$tmp/model_1000_lines.py"
build/bench/write_models folder "$tmp/configs" 10000

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "== 1. in-process (Google Benchmark; the BM_CheckFile runs include reading the file)"
# Medians of nine repetitions: on a shared virtual machine one repetition can be twice another.
# Each benchmark first runs half a second untimed, so that the figures are those of a process
# that checks model after model, not of its first touches of fresh memory (the scaling rows
# below time whole processes, first touches included). The repetitions of one benchmark run one
# after the other: interleaved with the other benchmarks' (Google Benchmark's random
# interleaving), the 100k check's median was 172 ms in a run whose alternating measurement below
# gave 120 ms, each repetition starting from the memory another benchmark had left.
build/bench/dimsum_bench --benchmark_min_time=0.5 --benchmark_repetitions=9 \
  --benchmark_min_warmup_time=0.5 \
  --benchmark_report_aggregates_only=true \
  "$tmp/ResNet50.json" "$tmp/EfficientNetB0.json" "$tmp/model_1000_lines.py" |
  grep -v -E '_(mean|stddev|cv) '
# The ratio from one process that alternates the two checks (bench/inprocess_time), so that both
# are timed over the same stretch of this shared machine's changing speed.
build/bench/inprocess_time 41 "$tmp/residual_10000.json" "$tmp/residual_100000.json" |
  paste -s -d ' ' |
  awk '{ printf "100k / 10k time ratio: %.1f (one process alternating the two checks, medians of 41: 10k %.2f ms, 100k %.1f ms)\n", $2 / $1, $1, $2 }'
echo
echo "== 2. scaling: the whole command on residual graphs (time, peak RSS)"
for layers in 1000 10000 100000; do
  runs=$((layers >= 100000 ? 5 : 21))
  build/bench/cli_time "$runs" build/dimsum check "$tmp/residual_$layers.json" | head -1
done
echo
echo "== 3. the command line end to end"
build/bench/cli_time 201 build/dimsum check "$tmp/vgg16.json"
files=$(find "$tmp/configs" -name '*.json' | wc -l)
line=$(build/bench/cli_time 5 build/dimsum check "$tmp/configs" | head -1)
echo "$line"
ms=$(echo "$line" | sed -E 's/.*median +([0-9.]+) ms.*/\1/')
awk -v n="$files" -v ms="$ms" 'BEGIN { printf "many files: %d configs in %.0f ms: %.0f configs per second\n", n, ms, n / (ms / 1000) }'
echo
echo "== 4. the peer comparison (TensorFlow.js modelFromJSON vs dimsum, same run)"
node bench/peer/peer.js build "$tmp/vgg16.json" "$tmp/ResNet50.json" "$tmp/EfficientNetB0.json"
