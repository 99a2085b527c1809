#!/usr/bin/env bash
# Runs one libFuzzer target from its seeds and with its dictionaries. ctest calls it for each
# test labelled "fuzz" (fuzz/CMakeLists.txt); fuzz/run.sh runs them all.
#   run_target.sh BINARY WORKDIR RUNS [--dicts FILE...] [--seeds FILE_OR_DIR...]
# Two modes:
# - The test suite (no DIMSUM_FUZZ_SECONDS): RUNS inputs (DIMSUM_FUZZ_RUNS overrides) from the
#   seeds alone, with a fixed seed (DIMSUM_FUZZ_SEED, 1 by default), so every machine, fast or
#   slow, starts from the same inputs and tries as many (with a time bound a slower machine tried
#   fewer). libFuzzer's path is close to, not exactly, repeatable (docs/reliability.md).
# - Exploration (fuzz/run.sh sets DIMSUM_FUZZ_SECONDS and DIMSUM_FUZZ_SEED=0): that many seconds,
#   a new random seed each run, growing the corpus WORKDIR keeps for the next run.
# Any input that crashed is kept in WORKDIR/artifacts (crash-*, timeout-*, oom-*).
set -uo pipefail
binary=$1 workdir=$2 runs=${DIMSUM_FUZZ_RUNS:-$3}
shift 3
dicts=() seeds=() list=
for arg in "$@"; do
  case "$arg" in
    --dicts) list=dicts ;;
    --seeds) list=seeds ;;
    *) if [ "$list" = dicts ]; then dicts+=("$arg"); else seeds+=("$arg"); fi ;;
  esac
done
fuzz_seed=${DIMSUM_FUZZ_SEED:-1}
if [ -n "${DIMSUM_FUZZ_SECONDS:-}" ]; then
  bound=(-max_total_time="$DIMSUM_FUZZ_SECONDS")
  done_text="in $DIMSUM_FUZZ_SECONDS s"
else
  # An empty corpus: the run must not depend on what an earlier run left behind. The
  # time bound only stops a run that has gone wrong (a hang the per-input timeout misses).
  rm -rf "$workdir/corpus" "$workdir/seeds"
  bound=(-runs="$runs" -max_total_time=1200)
  done_text="in $runs inputs at seed $fuzz_seed"
fi

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
  -seed="$fuzz_seed" "${bound[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$workdir/artifacts/" -print_final_stats=1 >"$workdir/log" 2>&1
status=$?
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|peak_rss_mb)' "$workdir/log"
if [ "$status" -ne 0 ]; then
  tail -n 60 "$workdir/log"
  echo "FAIL: $(basename "$binary") stopped with status $status; the input is in $workdir/artifacts/"
  echo "reproduce with: $binary $workdir/artifacts/<file>"
  exit 1
fi
echo "no crash, hang, leak or sanitizer report $done_text ($(ls "$workdir/corpus" | wc -l) inputs in the corpus)"
