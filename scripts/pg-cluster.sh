#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests: no system service, no port (a Unix socket in its
# own folder), trust for local connections, the database "shian".
#   scripts/pg-cluster.sh start DIR   makes and starts the cluster in DIR (empty or absent); prints the
#                                     connection URL on stdout
#   scripts/pg-cluster.sh stop DIR    stops it (the folder is left to the caller)
# initdb refuses to run as root: run so (as CI may), the cluster belongs to the user "postgres".
set -euo pipefail
mode=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-cluster: PostgreSQL's server programs are not installed (scripts/deps.sh test)" >&2; exit 1; }
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi
case "$mode" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ ${#as_owner[@]} -eq 0 ] || chown postgres: "$dir"
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    "${as_owner[@]}" "$bin/createdb" -h "$dir" -U postgres shian
    echo "postgresql://postgres@/shian?host=$dir"
    ;;
  stop)
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
