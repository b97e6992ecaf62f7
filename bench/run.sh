#!/usr/bin/env bash
# The benchmark: prints figures, never passes or fails on them.
#
#   1. entity search on the demo county (9 000 businesses by default)
#   2. the same on a generated county of 1 000 000 businesses
#   3. both again on PostgreSQL: a throw-away cluster (scripts/pg-cluster.sh), a database per county
#   4. baseline: one saved search response served as a static file by nginx
#
# Each runs `wrk -t2 -c32 -d10s --latency` over keep-alive connections on 127.0.0.1, the searches
# through an API token, rotating over a realistic mix of queries (bench/mix.lua). Before the load,
# every query of the mix is timed alone (median of a few curl runs, with its match count), which
# shows which query a slow figure comes from.
#
# On PostgreSQL a county is generated on SQLite by `shian demo` and moved with `shian migrate --to=`
# (BENCH_PG_LOAD=migrate, the default), or generated there directly (BENCH_PG_LOAD=demo); both
# times are printed. The cluster runs as the tests' does: fsync off (the search reads only).
#
# Settings (environment):
#   BENCH_ENGINES="sqlite postgres"   the engines, in order (either alone is fine)
#   BENCH_DURATION=10s   wrk duration of each load run
#   BENCH_BIG=1000000    businesses of the large county (0 skips it)
#   BENCH_SMALL=9000     businesses of the demo county
#   BENCH_PG_LOAD=migrate  how a county gets into PostgreSQL: migrate (from SQLite) or demo
#   BENCH_THREADS=2 BENCH_CONNECTIONS=32   wrk threads and connections
#   BENCH_SERVER_THREADS=2                 shian worker threads (and nginx workers)
#   SHIAN_BIN=build/shian
# Example, a short run: BENCH_DURATION=3s BENCH_BIG=100000 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${SHIAN_BIN:-build/shian}
DURATION=${BENCH_DURATION:-10s}
BIG=${BENCH_BIG:-1000000}
SMALL=${BENCH_SMALL:-9000}
ENGINES=${BENCH_ENGINES:-sqlite postgres}
PG_LOAD=${BENCH_PG_LOAD:-migrate}
WRK_THREADS=${BENCH_THREADS:-2}
WRK_CONNS=${BENCH_CONNECTIONS:-32}
SRV_THREADS=${BENCH_SERVER_THREADS:-2}
LUA=$PWD/bench/mix.lua
CURL_RUNS=5

# shellcheck source=bench/lib.sh
. bench/lib.sh
for tool in wrk nginx curl sqlite3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/deps.sh bench installs it)"
done
[ -x "$BIN" ] || die "$BIN not found: run 'make' first"
[[ $DURATION =~ ^[0-9]+[smh]?$ ]] || die "BENCH_DURATION must look like 10s or 2m"
[[ $BIG =~ ^[0-9]+$ && $SMALL =~ ^[0-9]+$ ]] || die "BENCH_BIG and BENCH_SMALL must be whole numbers"
for engine in $ENGINES; do
  case $engine in
    sqlite) ;;
    postgres) command -v psql >/dev/null || die "psql is not installed (scripts/deps.sh test installs PostgreSQL)" ;;
    *) die "BENCH_ENGINES takes sqlite and postgres, not $engine" ;;
  esac
done
[ -n "$ENGINES" ] || die "BENCH_ENGINES names no engine"
[[ $PG_LOAD == migrate || $PG_LOAD == demo ]] || die "BENCH_PG_LOAD must be migrate or demo"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/shian-bench.XXXXXX")
pg_dir="" pg_url=""
bench_cleanup() {
  [ -z "$pg_dir" ] || scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
  cleanup
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Percent-encodes every byte outside the unreserved set (so Chinese becomes %E9%A5%AD...).
urlencode() {
  local LC_ALL=C s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9.~_-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c"; out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

# A loopback port nobody listens on (checked, then used at once; callers retry if it was taken).
free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# ---- wrk ----

# Runs wrk and sets W_RPS W_P50 W_P99 W_MAX W_NON2XX W_ERRORS (latencies in µs). The timeout is
# long so that slow answers are measured rather than dropped as wrk timeouts.
run_wrk() { # url token path...
  local url=$1 token=$2
  shift 2
  local hdr=()
  [ -n "$token" ] && hdr=(-H "Authorization: Bearer $token")
  local out=$tmp/wrk.out
  run_bg wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"$DURATION" --timeout 30s --latency "${hdr[@]}" -s "$LUA" "$url" -- "$@" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed"; }
  local line
  line=$(grep '^BENCH ' "$out") || { cat "$out" >&2; die "wrk printed no summary"; }
  get() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  W_REQS=$(get requests); W_RPS=$(get rps); W_P50=$(get p50_us); W_P99=$(get p99_us); W_MAX=$(get max_us)
  W_NON2XX=$(get non2xx); W_ERRORS=$(get errors)
  # the --latency table, for the record: its 99% line should agree with p99 above
  W_LAT99=$(awk '/Latency Distribution/ { f = 1 } f && $1 == "99%" { print $2; exit }' "$out")
}

# ---- per-query timing ----

# Times each path alone with curl (median of up to CURL_RUNS runs, fewer once a query has taken
# 3 s in all) and prints "ms  matches  path"; sets Q_MEAN_MS, the mean of those medians.
time_queries() { # base token path...
  local base=$1 token=$2 p sum=0
  shift 2
  local hdr=()
  [ -n "$token" ] && hdr=(-H "Authorization: Bearer $token")
  printf "    %9s %10s  %s\n" "alone, ms" "matches" "query"
  for p in "$@"; do
    local times=() code total="" r spent=0
    for ((r = 0; r < CURL_RUNS && spent < 3000; r++)); do
      local res
      res=$(curl -sS -o "$tmp/q.json" -w '%{http_code} %{time_total}' "${hdr[@]}" "$base$p")
      code=${res%% *}
      times+=("${res#* }")
      spent=$((spent + $(awk -v t="${res#* }" 'BEGIN { printf "%d", t * 1000 }')))
    done
    [ "$code" = 200 ] || { echo "bench: $p answered $code: $(head -c 300 "$tmp/q.json")" >&2; }
    total=$(grep -oE '"total":[0-9]+' "$tmp/q.json" | head -1 | cut -d: -f2) || true
    local med
    med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] * 1000 }')
    printf "    %9s %10s  %s\n" "$med" "${total:-?}" "$(printf '%b' "${p//%/\\x}")"
    sum=$(awk -v a="$sum" -v b="$med" 'BEGIN { print a + b }')
  done
  Q_MEAN_MS=$(awk -v a="$sum" -v n=$# 'BEGIN { printf "%.1f", a / n }')
}

# ---- the engines: where a county lives, and a query on it ----

# Starts the throw-away PostgreSQL cluster once (its folder under $tmp, stopped by the EXIT trap).
pg_start() {
  [ -z "$pg_url" ] || return 0
  chmod 711 "$tmp" # the cluster runs as the user postgres when the bench runs as root
  pg_dir=$tmp/pg
  pg_url=$(scripts/pg-cluster.sh start "$pg_dir") || die "scripts/pg-cluster.sh start failed"
}

# One value from the county's database: sqlite3 on a file, psql on a PostgreSQL URL.
dbq() { # db sql
  case $1 in
    postgresql://*) psql -Atq -v ON_ERROR_STOP=1 "$1" -c "$2" ;;
    *) sqlite3 "$1" "$2" ;;
  esac
}

db_size() { # db
  case $1 in
    postgresql://*) dbq "$1" "SELECT pg_size_pretty(pg_database_size(current_database()))" ;;
    *) du -h "$1" | cut -f1 ;;
  esac
}

# shian demo into db; prints the time it took and the demo's summary line.
make_demo() { # db entities
  local t0
  t0=$(now)
  run_bg "$BIN" demo --entities="$2" --db_path="$1" >"$tmp/demo.out" 2>"$tmp/demo.err" ||
    { cat "$tmp/demo.err" >&2; die "shian demo failed"; }
  echo "   generated in $(elapsed "$t0") s: $(grep -m1 'demo county' "$tmp/demo.out" || tail -1 "$tmp/demo.out")"
}

# One sweep before the server starts: a new county's cameras have all fallen silent since the demo
# wrote them, and the server's own first sweep would otherwise mark them offline one by one (an audit
# row and a ledger leaf each) while the load runs.
make_sweep() { # db
  local t0
  t0=$(now)
  run_bg "$BIN" sweep --db_path="$1" >"$tmp/sweep.out" 2>"$tmp/sweep.err" ||
    { cat "$tmp/sweep.err" >&2; die "shian sweep failed"; }
  echo "   swept once in $(elapsed "$t0") s ($(dbq "$1" 'SELECT count(*) FROM cameras WHERE offline_since IS NOT NULL') cameras offline)"
}

# The county of a size as a SQLite file, made once and shared by the engines: $tmp/KEY-source.db.
make_source() { # key entities
  local file=$tmp/$1-source.db
  [ -f "$file" ] && return
  make_demo "$file" "$2"
  make_sweep "$file"
}

drop_source() { # key
  rm -f "$tmp/$1-source.db" "$tmp/$1-source.db-wal" "$tmp/$1-source.db-shm"
}

# Makes the county's database and sets DB: a copy of the SQLite source, or a PostgreSQL database of
# its own (moved from the source by shian migrate, or generated there by shian demo).
make_county() { # engine key entities
  local engine=$1 key=$2 n=$3 size=${2#*-}
  if [ "$engine" = sqlite ]; then
    make_source "$size" "$n"
    DB=$tmp/$key.db
    sqlite3 "$tmp/$size-source.db" ".backup '$DB'"
    return
  fi
  pg_start
  local name=bench_${key//-/_} t0
  psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "CREATE DATABASE $name" >/dev/null || die "CREATE DATABASE $name failed"
  DB=${pg_url/\/shian\?//$name?}
  if [ "$PG_LOAD" = demo ]; then
    make_demo "$DB" "$n"
    make_sweep "$DB"
    return
  fi
  make_source "$size" "$n"
  t0=$(now)
  run_bg "$BIN" migrate --to="$DB" --db_path="$tmp/$size-source.db" >"$tmp/migrate.out" 2>"$tmp/migrate.err" ||
    { cat "$tmp/migrate.err" "$tmp/migrate.out" >&2; die "shian migrate --to failed"; }
  echo "   moved to PostgreSQL by shian migrate --to in $(elapsed "$t0") s: $(grep -m1 '^verified' "$tmp/migrate.out" || true)"
  # the planner's figures for the copied tables, as autovacuum would have them after a while
  t0=$(now)
  psql -q "$DB" -c "VACUUM ANALYZE" >/dev/null
  echo "   VACUUM ANALYZE in $(elapsed "$t0") s"
}

drop_county() { # db
  case $1 in
    postgresql://*)
      local name
      name=$(sed -E 's|^postgresql://[^/]*/([^?]*).*|\1|' <<<"$1")
      psql -q "$pg_url" -c "DROP DATABASE $name" >/dev/null || true
      ;;
    *) rm -f "$1" "$1-wal" "$1-shm" ;;
  esac
}

# ---- one county: create, token, serve, time, load ----

declare -A ROW
bench_county() { # engine key entities
  local engine=$1 key=$1-$2 n=$3 db
  echo "== $2 county on $engine: $(fmt_int "$n") businesses"
  make_county "$engine" "$key" "$n"
  db=$DB
  echo "   database $(db_size "$db") ($(dbq "$db" 'SELECT count(*) FROM entities') rows in entities)"
  local token
  token=$("$BIN" token create county bench --db_path="$db" 2>"$tmp/token.err" | tail -1)
  [[ $token =~ ^[0-9a-f]{64}$ ]] || { cat "$tmp/token.err" >&2; die "token create printed '$token'"; }
  start_shian "$db"

  # The mix: a township from the API; name fragments of two characters (scanned) and of three
  # (enough for a trigram index) and a credit-code prefix, from businesses in the middle of the table.
  local township frag2 frag3 code mid
  township=$(curl -fsS -H "Authorization: Bearer $token" "$srv_base/api/v1/divisions" |
    grep -oE '"code":"[0-9]{12}"' | sed -n 2p | cut -d'"' -f4)
  [ -n "$township" ] || die "no township in /api/v1/divisions"
  mid=$(dbq "$db" "SELECT max(id) / 2 FROM entities")
  frag2=$(dbq "$db" "SELECT substr(name, 3, 2) FROM entities WHERE id >= $mid AND length(name) >= 6 ORDER BY id LIMIT 1")
  frag3=$(dbq "$db" "SELECT substr(name, 2, 3) FROM entities WHERE id >= $mid + 7 AND length(name) >= 6 ORDER BY id LIMIT 1")
  code=$(dbq "$db" "SELECT substr(uscc, 1, 10) FROM entities WHERE id >= $mid + 13 AND uscc IS NOT NULL ORDER BY id LIMIT 1")
  local paths=(
    "/api/v1/entities?q=$(urlencode 饭店)&limit=20"
    "/api/v1/entities?q=$(urlencode 超市)&limit=20"
    "/api/v1/entities?kind=caterer&limit=20"
    "/api/v1/entities?township=$township&limit=20"
    "/api/v1/entities?q=$(urlencode "${frag2:-食品}")&limit=20"
    "/api/v1/entities?q=$(urlencode "${frag3:-超市}")&limit=20"
    "/api/v1/entities?limit=20"
    "/api/v1/entities?township=$township&kind=seller&status=active&limit=20"
    "/api/v1/entities?kind=caterer&limit=20&cursor=$mid"
  )
  [ -n "$code" ] && paths+=("/api/v1/entities?q=$code&limit=20")
  echo "   the mix (township $township):"
  time_queries "$srv_base" "$token" "${paths[@]}"
  if [ ! -s "$tmp/sample.json" ]; then # the baseline serves one real answer of the same endpoint
    curl -fsS -H "Authorization: Bearer $token" "$srv_base/api/v1/entities?limit=20" >"$tmp/sample.json"
  fi

  echo "   wrk -t$WRK_THREADS -c$WRK_CONNS -d$DURATION over the mix ..."
  run_wrk "$srv_base" "$token" "${paths[@]}"
  ROW[$key]="$W_REQS $W_RPS $W_P50 $W_P99 $W_MAX $W_NON2XX $W_ERRORS $Q_MEAN_MS"
  echo "   $W_REQS requests, $W_RPS req/s, p99 $(fmt_ms "$W_P99") ms (wrk --latency 99%: $W_LAT99)"
  stop_pid "$srv_pid"
  if grep -qiE 'error|sanitizer' "$tmp/serve.err"; then
    echo "   server stderr:"; head -20 "$tmp/serve.err" | sed 's/^/     /'
  fi
  drop_county "$db"
}

# ---- nginx baseline ----

bench_nginx() {
  echo "== baseline: nginx serving one saved search answer ($(wc -c <"$tmp/sample.json") bytes)"
  mkdir -p "$tmp/static/api" "$tmp/nginx"
  cp "$tmp/sample.json" "$tmp/static/api/entities.json"
  # nginx workers run as nobody when started by root: let them read the file
  chmod 711 "$tmp"
  chmod -R a+rX "$tmp/static"
  local temps="" m
  for m in client_body fastcgi proxy scgi uwsgi; do
    [ $m = client_body ] || ! nginx -V 2>&1 | grep -q -- "--without-http_${m}_module" || continue
    temps+="    ${m}_temp_path $tmp/nginx/$m;"$'\n'
  done
  local port attempt ngx_pid=""
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$tmp/nginx.conf" <<EOF
worker_processes $SRV_THREADS;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
$temps    types { application/json json; }
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        root $tmp/static;
        location / { }
    }
}
EOF
    nginx -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx.conf" >"$tmp/nginx/out" 2>&1 &
    ngx_pid=$!
    pids+=("$ngx_pid")
    for _ in $(seq 50); do
      curl -fsS -o /dev/null "http://127.0.0.1:$port/api/entities.json" 2>/dev/null && break 2
      kill -0 "$ngx_pid" 2>/dev/null || break
      sleep 0.1
    done
    stop_pid "$ngx_pid"
    ngx_pid=""
  done
  [ -n "$ngx_pid" ] || { cat "$tmp/nginx/error.log" "$tmp/nginx/out" >&2 2>/dev/null; die "nginx did not start"; }
  time_queries "http://127.0.0.1:$port" "" /api/entities.json
  echo "   wrk -t$WRK_THREADS -c$WRK_CONNS -d$DURATION on http://127.0.0.1:$port/api/entities.json ..."
  run_wrk "http://127.0.0.1:$port" "" /api/entities.json
  ROW[nginx]="$W_REQS $W_RPS $W_P50 $W_P99 $W_MAX $W_NON2XX $W_ERRORS $Q_MEAN_MS"
  echo "   $W_REQS requests, $W_RPS req/s, p99 $(fmt_ms "$W_P99") ms (wrk --latency 99%: $W_LAT99)"
  stop_pid "$ngx_pid"
}

# ---- run ----

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
started=$(date '+%Y-%m-%d %H:%M:%S %Z')
load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "shian benchmark, $started"
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem, $(uname -sr)"
echo "shian $(git describe --always --dirty 2>/dev/null || echo '(no git)') ($BIN), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //')"
echo

sizes=(demo:"$SMALL")
[ "$BIG" -eq 0 ] || sizes+=(big:"$BIG")
for size in "${sizes[@]}"; do
  for engine in $ENGINES; do
    bench_county "$engine" "${size%%:*}" "${size#*:}"
    echo
  done
  drop_source "${size%%:*}"
done
bench_nginx
echo

fmt_rps() { awk -v r="$1" 'BEGIN { printf (r < 10 ? "%.1f" : "%.0f"), r }'; }
rule() { printf '=%.0s' $(seq 118); echo; }
FMT="%-46s %9s %8s %8s %8s %9s %6s %8s %6s\n"
nginx_rps=$(read -r _ r _ <<<"${ROW[nginx]}"; echo "$r")
row() { # label key
  local reqs rps p50 p99 max non2xx errors alone
  read -r reqs rps p50 p99 max non2xx errors alone <<<"${ROW[$2]}"
  local ratio
  ratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf (b > 0 ? "%.2g" : "-"), (b > 0 ? a / b : 0) }')
  if [ "$reqs" -eq 0 ]; then # nothing finished: no latency to show
    local secs
    secs=$(awk -v d="$DURATION" 'BEGIN { n = d + 0; u = substr(d, length(d)); print n * (u == "m" ? 60 : u == "h" ? 3600 : 1) }')
    printf "$FMT" "$1" "<$(awk -v s="$secs" 'BEGIN { printf "%.2g", 1 / s }')" \
      "-" "-" "-" "0" "$errors" "$alone" "0"
    return
  fi
  printf "$FMT" "$1" "$(fmt_rps "$rps")" "$(fmt_ms "$p50")" "$(fmt_ms "$p99")" \
    "$(fmt_ms "$max")" "$reqs" "$((non2xx + errors))" "$alone" "$ratio"
}
rule
echo "shian benchmark  $started"
echo "machine  $(nproc) CPUs ($cpu), $mem; load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load     wrk -t$WRK_THREADS -c$WRK_CONNS -d$DURATION --latency, keep-alive, 127.0.0.1; shian --threads=$SRV_THREADS, nginx worker_processes $SRV_THREADS"
echo "         (wrk, the server and nginx share the same $(nproc) CPUs)"
echo
printf "$FMT" "scenario" "req/s" "p50 ms" "p99 ms" "max ms" "requests" "errors" "alone ms" "/nginx"
for engine in $ENGINES; do
  row "search mix, $(fmt_int "$SMALL") businesses, $engine" "$engine-demo"
  [ "$BIG" -eq 0 ] || row "search mix, $(fmt_int "$BIG") businesses, $engine" "$engine-big"
done
row "baseline: static JSON via nginx" nginx
rule
echo "requests: answers completed within the run (wrk does not count those still in flight at the end;"
echo "          latencies of a handful are rough, '-' when none finished)"
echo "alone ms: one request at a time (curl), mean over the queries of the mix of each one's median"
echo "errors: non-2xx answers plus socket errors and timeouts (30 s) counted by wrk"
echo "/nginx: req/s over nginx's req/s (issue 16's target at 10^6: >= 0.3, with p99 < 50 ms)"
