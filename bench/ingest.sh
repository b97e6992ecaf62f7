#!/usr/bin/env bash
# The ingestion benchmark: prints figures, never passes or fails on them.
#
#   1. shian: AI observations with a ~50 KB JPEG snapshot POSTed to /api/v1/observations as
#      multipart/form-data by wrk (bench/ingest.lua) through an API token, on the demo county's
#      cameras; each snapshot is a different valid JPEG (a COM segment names the request), so every
#      one is written to its own file, and the rows land in one transaction per observation
#   2. baseline: bench/ingest_raw.c, the same pictures and rows without HTTP: SHA-256, the file
#      (temporary name, write, fsync, rename), then in one transaction the observation, its
#      attachment, the alert (new or merged), the camera; same schema (a copy of the same demo
#      database), WAL and synchronous=NORMAL, one connection per thread, as many threads as shian's
#      workers
#   3. where the time goes: the baseline again with the file written inside the transaction (as
#      shian does, holding SQLite's write lock through the fsync), and with no file at all
#
# The snapshot is made here: a synthetic 640x480 camera picture (ingest_raw ppm) compressed by cjpeg
# at the quality that lands nearest the size asked for. Databases and files go under BENCH_DIR, which
# should be on the disk the server's files would be on (fsync costs nothing on tmpfs).
#
# Settings (environment):
#   BENCH_DURATION=10s   wrk duration, and how long each baseline runs
#   BENCH_THREADS=2 BENCH_CONNECTIONS=32   wrk threads and connections
#   BENCH_SERVER_THREADS=2                 shian worker threads (and baseline threads)
#   BENCH_SMALL=9000     businesses of the demo county (about 5 000 cameras)
#   BENCH_CAMERAS=1000   cameras the load picks from, at random (fewer: more merges into alerts)
#   BENCH_LABELS=smoking,no_mask,cat,phone   labels the load picks from, at random
#   BENCH_SNAPSHOT_KB=50 snapshot size to aim at
#   BENCH_DIR=build      where the databases and files go (removed at the end)
#   SHIAN_BIN=build/shian  CC=cc
# Example, a short run: BENCH_DURATION=3s bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${SHIAN_BIN:-build/shian}
DURATION=${BENCH_DURATION:-10s}
SMALL=${BENCH_SMALL:-9000}
WRK_THREADS=${BENCH_THREADS:-2}
WRK_CONNS=${BENCH_CONNECTIONS:-32}
SRV_THREADS=${BENCH_SERVER_THREADS:-2}
NCAMS=${BENCH_CAMERAS:-1000}
LABELS=${BENCH_LABELS:-smoking,no_mask,cat,phone}
SNAP_KB=${BENCH_SNAPSHOT_KB:-50}
DIR=${BENCH_DIR:-build}
LUA=$PWD/bench/ingest.lua
CC=${CC:-cc}

# shellcheck source=bench/lib.sh
. bench/lib.sh
for tool in wrk curl sqlite3 cjpeg djpeg "$CC" pkg-config; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/deps.sh bench installs it)"
done
[ -x "$BIN" ] || die "$BIN not found: run 'make' first"
BIN=$(realpath --relative-to="$PWD" "$BIN") # build/shian is a link that another build may move while this runs
[[ $DURATION =~ ^[0-9]+[smh]?$ ]] || die "BENCH_DURATION must look like 10s or 2m"
[[ $SMALL =~ ^[0-9]+$ && $NCAMS =~ ^[0-9]+$ && $SNAP_KB =~ ^[0-9]+$ ]] ||
  die "BENCH_SMALL, BENCH_CAMERAS and BENCH_SNAPSHOT_KB must be whole numbers"
[[ $LABELS =~ ^[a-z_]+(,[a-z_]+)*$ ]] || die "BENCH_LABELS must look like smoking,cat"
SECONDS_RUN=$(awk -v d="$DURATION" 'BEGIN { n = d + 0; u = substr(d, length(d)); print n * (u == "m" ? 60 : u == "h" ? 3600 : 1) }')

mkdir -p "$DIR"
tmp=$(mktemp -d "$DIR/shian-bench-ingest.XXXXXX")
tmp=$(cd "$tmp" && pwd)
trap cleanup EXIT
trap 'exit 130' INT TERM

fmt_rps() { awk -v r="$1" 'BEGIN { printf (r < 10 ? "%.1f" : "%.0f"), r }'; }

# ---- the snapshot ----

RAW=$tmp/ingest_raw
# shellcheck disable=SC2046
"$CC" -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$RAW" bench/ingest_raw.c \
  $(pkg-config --cflags --libs sqlite3 libsodium) -lpthread || die "cannot compile bench/ingest_raw.c"

target=$((SNAP_KB * 1024))
"$RAW" ppm 640 480 7 >"$tmp/pic.ppm"
best_q="" best_d=""
for q in $(seq 20 2 98); do
  cjpeg -quality "$q" -optimize "$tmp/pic.ppm" >"$tmp/q.jpg" 2>/dev/null
  s=$(stat -c %s "$tmp/q.jpg")
  d=$((s > target ? s - target : target - s))
  if [ -z "$best_d" ] || [ "$d" -lt "$best_d" ]; then best_q=$q best_d=$d; cp "$tmp/q.jpg" "$tmp/snap.jpg"; fi
done
JPEG=$tmp/snap.jpg
djpeg "$JPEG" >/dev/null || die "cjpeg made a JPEG djpeg cannot read"
jpeg_bytes=$(stat -c %s "$JPEG")
snap_bytes=$((jpeg_bytes + 44)) # with the COM segment of bench/ingest.lua

# A variant as bench/ingest.lua makes them: a COM segment of 40 bytes after SOI and the APP0 segment.
variant() { # text out
  local at=2 b
  b=$(od -An -tx1 -j2 -N4 "$JPEG" | tr -d ' \n')
  [ "${b:0:4}" = ffe0 ] && at=$((4 + 16#${b:4:4}))
  { head -c "$at" "$JPEG"; printf '\xff\xfe\x00\x2a'; printf '%-40.40s' "$1"; tail -c +$((at + 1)) "$JPEG"; } >"$2"
}
variant "shian-bench check 1" "$tmp/v1.jpg"
variant "shian-bench check 2" "$tmp/v2.jpg"
djpeg "$tmp/v1.jpg" >/dev/null 2>"$tmp/djpeg.err" || { cat "$tmp/djpeg.err" >&2; die "the COM variant does not decode"; }
[ "$(sha256sum <"$tmp/v1.jpg")" != "$(sha256sum <"$tmp/v2.jpg")" ] || die "variants hash the same"

# The disk alone: 200 pictures stored one at a time as store_blob does; sets DISK to "p50 / p90 ms".
disk_probe() {
  local o
  o=$("$RAW" fsync "$tmp/probe" "$JPEG" 200) || die "ingest_raw fsync failed"
  rm -rf "$tmp/probe"
  sync
  DISK_P50=$(fmt_ms "$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$o")")
  DISK="$(fmt_ms "$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$o")") / $(fmt_ms "$(sed -E 's/.* p90_us=([0-9]+).*/\1/' <<<"$o")") ms"
}

# ---- the machine ----

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
started=$(date '+%Y-%m-%d %H:%M:%S %Z')
load0=$(cut -d' ' -f1-3 /proc/loadavg)
fs=$(df -PT "$tmp" | awk 'NR == 2 { print $2 " (" $1 ")" }')
echo "shian ingestion benchmark, $started"
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem, $(uname -sr)"
echo "shian $(git describe --always --dirty 2>/dev/null || echo '(no git)') ($BIN), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), sqlite $(sqlite3 --version | cut -d' ' -f1)"
echo "storage: $tmp on $fs"
case $fs in tmpfs* | ramfs*) echo "   WARNING: $tmp is in memory, where fsync costs nothing: set BENCH_DIR to a folder on disk" ;; esac
disk_probe
disk0=$DISK
echo "disk: one picture at a time (open, write, fsync, close, rename), p50 / p90: $disk0"
echo "snapshot: 640x480 JPEG by cjpeg -quality $best_q, $jpeg_bytes bytes, $snap_bytes with the COM segment that makes each one unique"
echo

# ---- the county ----

db=$tmp/demo.db
echo "== demo county: $(fmt_int "$SMALL") businesses"
run_bg "$BIN" demo --entities="$SMALL" --db_path="$db" --secret_key_file="$tmp/secret.key" \
  >"$tmp/demo.out" 2>"$tmp/demo.err" || { cat "$tmp/demo.err" >&2; die "shian demo failed"; }
cp "$db" "$tmp/pristine.db" # the baselines start from the same database, before the token and the load
token=$("$BIN" token create county bench --db_path="$db" 2>"$tmp/token.err" | tail -1)
[[ $token =~ ^[0-9a-f]{64}$ ]] || { cat "$tmp/token.err" >&2; die "token create printed '$token'"; }
user_id=$(sqlite3 "$db" "SELECT id FROM users WHERE username = 'county'")
# the cameras, spread over the county by a fixed scramble of their ids
sqlite3 -separator ' ' "$db" "SELECT id, entity_id FROM cameras WHERE enabled = 1
  ORDER BY (id * 2654435761) % 4294967296 LIMIT $NCAMS" >"$tmp/cameras.txt"
ncams=$(wc -l <"$tmp/cameras.txt")
[ "$ncams" -gt 0 ] || die "the demo county has no enabled cameras"
echo "   $(sqlite3 "$db" 'SELECT count(*) FROM cameras') cameras ($(sqlite3 "$db" 'SELECT count(*) FROM cameras WHERE enabled = 1') enabled); the load picks from $ncams of them and the labels $LABELS"

# ---- shian ----

start_shian "$db" --files_dir="$tmp/files" --secret_key_file="$tmp/secret.key"

# the server takes both variants, as two pictures
cam1=$(head -1 "$tmp/cameras.txt" | cut -d' ' -f1)
for v in 1 2; do
  now_ms=$(($(date +%s%N) / 1000000))
  code=$(curl -sS -o "$tmp/check.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
    -F "observation={\"camera_id\":$cam1,\"observed_at\":$now_ms,\"label\":\"smoking\",\"score\":0.9,\"box\":[0.3,0.35,0.2,0.4],\"idempotency_key\":\"check-$v\",\"source\":\"ai_box\"};type=application/json" \
    -F "snapshot=@$tmp/v$v.jpg;type=image/jpeg" "$srv_base/api/v1/observations")
  [ "$code" = 201 ] || die "a snapshot variant answered $code: $(head -c 300 "$tmp/check.json")"
done
[ "$(sqlite3 "$db" "SELECT count(DISTINCT sha256) FROM attachments")" = 2 ] || die "the two variants were not stored as two pictures"
q() { sqlite3 "$db" "$1"; }
disk_probe
H_DISK=$DISK_P50
obs0=$(q 'SELECT count(*) FROM observations') alerts0=$(q 'SELECT count(*) FROM alerts') last0=$(q 'SELECT max(id) FROM observations')

echo "   wrk -t$WRK_THREADS -c$WRK_CONNS -d$DURATION POST /api/v1/observations, multipart, ${snap_bytes}-byte snapshots ..."
out=$tmp/wrk.out
run_bg wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"$DURATION" --timeout 30s --latency -H "Authorization: Bearer $token" \
  -s "$LUA" "$srv_base/api/v1/observations" -- "jpeg=$JPEG" "cameras=$tmp/cameras.txt" "labels=$LABELS" "nonce=$$" \
  >"$out" 2>"$tmp/wrk.err" || { cat "$out" "$tmp/wrk.err" >&2; die "wrk failed"; }
line=$(grep '^BENCH ' "$out") || { cat "$out" "$tmp/wrk.err" >&2; die "wrk printed no summary"; }
get() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
W_REQS=$(get requests) W_RPS=$(get rps) W_P50=$(get p50_us) W_P99=$(get p99_us) W_MAX=$(get max_us)
W_NON2XX=$(get non2xx) W_ERRORS=$(get errors)
sed 's/^/   /' "$tmp/wrk.err" | head -6
stop_pid "$srv_pid" # lets the requests still in flight finish
if grep -qiE 'error|sanitizer' "$tmp/serve.err"; then
  echo "   server stderr:"; head -20 "$tmp/serve.err" | sed 's/^/     /'
fi

H_OBS=$(($(q 'SELECT count(*) FROM observations') - obs0))
H_ALERTS=$(($(q 'SELECT count(*) FROM alerts') - alerts0))
H_MERGED=$(q "SELECT count(*) FROM observations WHERE id > $last0 AND outcome = 'merged'")
outcomes=$(q "SELECT group_concat(n || ' ' || outcome, ', ') FROM (SELECT outcome, count(*) n FROM observations
  WHERE id > $last0 GROUP BY outcome ORDER BY n DESC)")
att_rows=$(q "SELECT count(*) FROM attachments") att_distinct=$(q "SELECT count(DISTINCT sha256) FROM attachments")
files=$(find "$tmp/files" -type f -name '[0-9a-f]*[0-9a-f]' | wc -l)
bad=0
for f in $(find "$tmp/files" -type f | shuf -n 3 --random-source=<(yes)); do djpeg "$f" >/dev/null 2>&1 || bad=$((bad + 1)); done
echo "   $W_REQS answers in $DURATION, $(fmt_rps "$W_RPS")/s, p50 $(fmt_ms "$W_P50") ms, p99 $(fmt_ms "$W_P99") ms; non-2xx $W_NON2XX, socket errors $W_ERRORS (disk p50 just before: $H_DISK ms)"
echo "   stored: $H_OBS observations ($outcomes), $H_ALERTS new alerts"
echo "           $att_rows attachment rows, $att_distinct distinct pictures, $files files; $((3 - bad)) of 3 stored files decode"
echo "   database now $(du -h "$db" | cut -f1) + WAL $(du -h "$db-wal" 2>/dev/null | cut -f1 || echo 0), files $(du -sh "$tmp/files" | cut -f1)"
rm -rf "$tmp/files"
echo

# ---- baselines ----

declare -A RAWR
raw_run() { # mode
  local rdb=$tmp/raw-$1.db
  rm -rf "$tmp/rawfiles"
  cp "$tmp/pristine.db" "$rdb"
  disk_probe
  run_bg "$RAW" run --db="$rdb" --files="$tmp/rawfiles" --jpeg="$JPEG" --cameras="$tmp/cameras.txt" --labels="$LABELS" \
    --threads="$SRV_THREADS" --seconds="$SECONDS_RUN" --user="$user_id" --file="$1" >"$tmp/raw.out" ||
    die "ingest_raw run --file=$1 failed"
  local o
  o=$(grep '^RAW ' "$tmp/raw.out") || die "ingest_raw printed no summary"
  local rows rps alerts merged
  rows=$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$o")
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$o")
  alerts=$(sed -E 's/.* alerts=([0-9]+).*/\1/' <<<"$o")
  merged=$(sed -E 's/.* merged=([0-9]+).*/\1/' <<<"$o")
  RAWR[$1]="$rows $rps $alerts $merged $DISK_P50"
  echo "   --file=$1: $rows observations in $SECONDS_RUN s, $(fmt_rps "$rps")/s, $alerts new alerts, $merged merged (disk p50 just before: $DISK_P50 ms)"
  rm -rf "$tmp/rawfiles" "$rdb" "$rdb-wal" "$rdb-shm"
}
echo "== baseline: bench/ingest_raw.c, $SRV_THREADS threads with a connection each, ${SECONDS_RUN} s each"
raw_run before
raw_run inside
raw_run none
echo

disk_probe
disk1=$DISK

# ---- the table ----

rule() { printf '=%.0s' $(seq 108); echo; }
row() { # label obs/s p50 p99 max observations alerts merged errors disk
  printf "%-46s %7s %7s %7s %7s %7s %7s %7s %6s %6s\n" "$@"
}
raw_row() { # label mode
  local rows rps alerts merged disk
  read -r rows rps alerts merged disk <<<"${RAWR[$2]}"
  row "$1" "$(fmt_rps "$rps")" - - - "$rows" "$alerts" "$merged" - "$disk"
}
read -r _ base_rps _ _ _ <<<"${RAWR[before]}"
rule
echo "shian ingestion benchmark  $started"
echo "machine  $(nproc) CPUs ($cpu), $mem; load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load     wrk -t$WRK_THREADS -c$WRK_CONNS -d$DURATION --latency, keep-alive, 127.0.0.1; shian --threads=$SRV_THREADS; the baselines on $SRV_THREADS threads"
echo "         each observation: a unique ${snap_bytes}-byte JPEG (write, fsync, rename) and one SQLite transaction (WAL,"
echo "         synchronous=NORMAL) on $fs; $ncams cameras x labels $LABELS, observed_at = now"
echo "disk     one picture at a time (write, fsync, rename), p50 / p90: $disk0 at start, $disk1 at end"
echo
row "scenario" "obs/s" "p50 ms" "p99 ms" "max ms" "stored" "alerts" "merged" "errors" "disk"
row "shian HTTP ingestion (multipart POST)" "$(fmt_rps "$W_RPS")" "$(fmt_ms "$W_P50")" "$(fmt_ms "$W_P99")" "$(fmt_ms "$W_MAX")" \
  "$H_OBS" "$H_ALERTS" "$H_MERGED" "$((W_NON2XX + W_ERRORS))" "$H_DISK"
raw_row "baseline: raw SQLite + file, same rows" before
raw_row "  the same, file written inside the transaction" inside
raw_row "  the same, SQLite rows only (no file)" none
echo
echo "shian / raw baseline: $(awk -v a="$W_RPS" -v b="$base_rps" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), (b > 0 ? a / b : 0) }')"
rule
echo "obs/s: shian, answers completed within the run by wrk; the baselines, rows committed per second"
echo "stored: observations in the database at the end (shian's include requests still in flight when wrk stopped)"
echo "alerts: alerts created; merged: observations merged into an alert within the rule's cooldown. shian also applies"
echo "        the rules (working hours, the camera's own rules), so some observations make no alert; the baseline"
echo "        sends every observation to an alert, the most rows shian writes for one"
echo "errors: non-2xx answers plus socket errors and timeouts (30 s) counted by wrk"
echo "disk: p50 ms of storing one picture alone (write, fsync, rename) just before the scenario; this disk's fsync"
echo "      time drifts, and every scenario is bound by it: compare rows measured on a similar disk figure"
