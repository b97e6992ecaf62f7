# Shared by the benchmark scripts (sourced after `cd` to the project): errors, background processes
# that a signal stops with the script, number formats. A script sets $tmp (removed at exit) and
# then `trap cleanup EXIT`.
die() { echo "bench: $*" >&2; exit 1; }

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  rm -rf "$tmp"
}

# Takes a process that has ended off the list cleanup kills, so its id is never signalled again.
forget() {
  local keep=() q
  for q in "${pids[@]}"; do [ "$q" = "$1" ] || keep+=("$q"); done
  pids=("${keep[@]}")
}

# Runs a long command in the background and waits for it, so that a signal stops the script (and
# the command, through the EXIT trap) at once rather than when the command is over.
run_bg() {
  "$@" &
  local p=$!
  pids+=("$p")
  local rc=0
  wait "$p" || rc=$?
  forget "$p"
  return $rc
}

fmt_ms() { awk -v us="$1" 'BEGIN { ms = us / 1000; printf (ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f"), ms }'; }
fmt_int() { sed -E ':a; s/([0-9])([0-9]{3})($| )/\1 \2\3/; ta' <<<"$1"; } # 1000000 -> 1 000 000
