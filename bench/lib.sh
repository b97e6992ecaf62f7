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

# Starts `shian serve` on the database $1 (more flags after it) on a free port, and sets srv_pid and
# srv_base once it answers /api/v1/health. Needs $BIN, $SRV_THREADS and $tmp.
srv_pid="" srv_base=""
start_shian() { # db [flags...]
  local out=$tmp/serve.out db=$1
  shift
  "$BIN" serve --db_path="$db" --port=0 --threads="$SRV_THREADS" --log_level=warn --web_root="$PWD/web" "$@" \
    >"$out" 2>"$tmp/serve.err" &
  srv_pid=$!
  pids+=("$srv_pid")
  local port=""
  for _ in $(seq 300); do
    port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$out" 2>/dev/null | head -1 | sed 's/.*://') || true
    if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null; then
      srv_base="http://127.0.0.1:$port"
      return
    fi
    kill -0 "$srv_pid" 2>/dev/null || { cat "$tmp/serve.err" >&2; die "shian serve exited"; }
    sleep 0.1
  done
  die "shian serve did not answer /api/v1/health within 30 s"
}

# Stops a process we started; a server still busy with queued requests gets 60 s.
stop_pid() {
  if kill -TERM "$1" 2>/dev/null; then
    for _ in $(seq 600); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || true
  forget "$1"
}

fmt_ms() { awk -v us="$1" 'BEGIN { ms = us / 1000; printf (ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f"), ms }'; }
fmt_int() { sed -E ':a; s/([0-9])([0-9]{3})($| )/\1 \2\3/; ta' <<<"$1"; } # 1000000 -> 1 000 000
