#!/usr/bin/env bash
# The libFuzzer targets of fuzz/ built into $2 (default build/fuzz; `make fuzz-build`), one process at a
# time.
#   scripts/fuzz.sh run [build]    fuzzes each target FUZZ_SECONDS (default 60), then merges the inputs
#                                  that reach new code into fuzz/corpus/<name>/ (-merge=1: the corpus
#                                  grows only by what adds coverage); exit 1 when a target crashed
#   scripts/fuzz.sh check [build]  runs each target over its corpus (the crashes once found are kept
#                                  there) and FUZZ_CHECK_SECONDS (default 5) more; TAP on stdout, for
#                                  scripts/run-tests.sh
# A crash's input is left in test-output/fuzz/<name>-crash-…: fix the parser, then copy the input into
# fuzz/corpus/<name>/ so that it stays a regression case.
set -uo pipefail
mode=${1:-check}
build=${2:-build/fuzz}
cd "$(dirname "$0")/.."
out=test-output/fuzz
mkdir -p "$out"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
opts=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
# run: new inputs of at most FUZZ_MAX_LEN bytes (default 4096), so the kept corpus stays small (the check
# reads every input whole; libFuzzer would cut longer ones to max_len)
[ "$mode" = run ] && opts+=(-max_len="${FUZZ_MAX_LEN:-4096}")
n=0
status=0
for bin in "$build"/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=${bin##*/fuzz_}
  corpus=fuzz/corpus/$name
  scratch=$out/$name.new
  log=$out/$name.log
  rm -rf "$scratch"; mkdir -p "$scratch" "$corpus"
  n=$((n + 1))
  seconds=${FUZZ_CHECK_SECONDS:-5}
  [ "$mode" = run ] && seconds=${FUZZ_SECONDS:-60}
  # new finds go to the scratch folder (the first one named); the corpus is only read
  "$bin" "${opts[@]}" -max_total_time="$seconds" -artifact_prefix="$out/$name-" "$scratch" "$corpus" > "$log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  if [ $rc -ne 0 ]; then
    status=1
    echo "not ok $n - $name: crashed (exit $rc), input in $out/$name-*"
    grep -m1 -A30 -E '^==[0-9]+==ERROR|runtime error|ERROR: libFuzzer' "$log" | sed 's/^/# /'
    continue
  fi
  if [ "$mode" = run ]; then
    before=$(ls "$corpus" | wc -l)
    "$bin" -merge=1 "$corpus" "$scratch" >> "$log" 2>&1
    echo "ok $n - $name: ${runs:-?} runs in ${seconds}s, corpus $before -> $(ls "$corpus" | wc -l) inputs"
  else
    echo "ok $n - $name: ${runs:-?} runs over $(ls "$corpus" | wc -l) corpus inputs and ${seconds}s"
  fi
done
[ $n -gt 0 ] || { echo "not ok 1 - no fuzz targets in $build/fuzz (make fuzz-build)"; status=1; }
exit $status
