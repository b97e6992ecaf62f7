#!/usr/bin/env bash
# Installs what shian needs to build, run and test, idempotently: Debian packages, then npm packages.
# Usage: scripts/deps.sh [run|test|bench]   (run: build+serve only; test adds browser; bench adds nginx, wrk)
set -euo pipefail
what=${1:-test}
cd "$(dirname "$0")/.."

pkgs=(build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libsodium-dev
      libcsv-dev libxlsxwriter-dev libxml2-dev)
case "$what" in
  test)  pkgs+=(libcmocka-dev nodejs npm chromium fonts-noto-cjk) ;;
  bench) pkgs+=(nginx-light wrk) ;;
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

if [ "$what" = test ] && [ ! -d node_modules/playwright-core ]; then
  echo "deps: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
exit 0
