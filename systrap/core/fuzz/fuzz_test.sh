#!/bin/sh
# A libFuzzer target run for a bounded time: fails on any crash, sanitizer
# report or broken fact. $1: the fuzzer (a script saying SKIPPED where the
# build found no clang); $2: a seed input; $3..: committed regression
# inputs, each run first.
fuzzer=$1
seed=$2
shift 2
if head -c 2 "$fuzzer" | grep -q '#!'; then
  "$fuzzer"
  exit 0
fi
for input in "$@"; do
  "$fuzzer" "$input" || { echo "FAIL: regression input $input" >&2; exit 1; }
done
corpus=${TEST_TMPDIR:-/tmp}/corpus
mkdir -p "$corpus"
cp "$seed" "$corpus/seed"
# In bazel test //... the run is the same every time (a fixed seed and
# number of inputs): a test that passes on a commit passes on it again, and
# what the fuzzer finds is found by whoever looks for it, not by CI at
# random. To look for more: --test_env=FUZZ_SECONDS=600 (a random seed, for
# that long); a find goes into regressions/NAME/ with its fix.
if [ -n "$FUZZ_SECONDS" ]; then
  exec "$fuzzer" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 "$corpus"
fi
exec "$fuzzer" -seed=1 -runs="${FUZZ_RUNS:-40000}" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 "$corpus"
