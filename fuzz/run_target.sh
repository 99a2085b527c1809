#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time, from its seeds and with its dictionaries. ctest
# calls it for each test labelled "fuzz" (fuzz/CMakeLists.txt); fuzz/run.sh runs them all.
#   run_target.sh BINARY WORKDIR [--dicts FILE...] [--seeds FILE_OR_DIR...]
# DIMSUM_FUZZ_SECONDS sets the time (default 30). WORKDIR keeps the corpus the fuzzer grows, so a
# later run starts where this one stopped, and any input that crashed (crash-*, timeout-*, oom-*).
set -uo pipefail
binary=$1 workdir=$2
shift 2
dicts=() seeds=() list=
for arg in "$@"; do
  case "$arg" in
    --dicts) list=dicts ;;
    --seeds) list=seeds ;;
    *) if [ "$list" = dicts ]; then dicts+=("$arg"); else seeds+=("$arg"); fi ;;
  esac
done
seconds=${DIMSUM_FUZZ_SECONDS:-30}
# The test suite's runs use a fixed seed (DIMSUM_FUZZ_SEED, 1 by default), so that a run of
# scripts/test replays the same inputs and passes or fails the same way on every machine; for
# exploration, fuzz/run.sh sets DIMSUM_FUZZ_SEED=0 (a new random seed each run).
fuzz_seed=${DIMSUM_FUZZ_SEED:-1}

mkdir -p "$workdir/corpus" "$workdir/seeds" "$workdir/artifacts"
# libFuzzer reads corpus directories, not single files, and takes one dictionary.
for seed in "${seeds[@]}"; do
  # The corpus' expectation files are not models; the fuzzer would only waste time on them.
  find "$seed" -type f ! -name '*.expect.json' -exec cp -n -t "$workdir/seeds" {} +
done
dict_args=()
if [ ${#dicts[@]} -gt 0 ]; then
  cat "${dicts[@]}" >"$workdir/all.dict"
  dict_args=(-dict="$workdir/all.dict")
fi

# -timeout: an input that takes more than 10 s is a hang; -rss_limit_mb: more than 2 GB is an
# input that exhausts memory; -max_len: real configs are larger than libFuzzer's default 4 KB.
"$binary" "$workdir/corpus" "$workdir/seeds" "${dict_args[@]}" \
  -seed="$fuzz_seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$workdir/artifacts/" -print_final_stats=1 >"$workdir/log" 2>&1
status=$?
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|peak_rss_mb)' "$workdir/log"
if [ "$status" -ne 0 ]; then
  tail -n 60 "$workdir/log"
  echo "FAIL: $(basename "$binary") stopped with status $status; the input is in $workdir/artifacts/"
  echo "reproduce with: $binary $workdir/artifacts/<file>"
  exit 1
fi
echo "no crash, hang, leak or sanitizer report in $seconds s ($(ls "$workdir/corpus" | wc -l) inputs in the corpus)"
