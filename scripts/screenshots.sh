#!/usr/bin/env bash
# Writes screenshots of every screen (connect, start-up progress, dashboard dark and light) to DIR,
# running the real app in local demo mode under a virtual X server. Usage: scripts/screenshots.sh [DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/screenshots-out}" && cd "${1:-$ROOT/screenshots-out}" && pwd)"

if ! command -v xvfb-run >/dev/null 2>&1 || ! ldconfig -p 2>/dev/null | grep -q libgtk-3.so.0; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      xvfb xauth fontconfig fonts-dejavu-core libgtk-3-0 libxtst6 libgl1
  else
    echo "screenshots: needs xvfb-run and GTK 3 (Debian: apt-get install xvfb fontconfig fonts-dejavu-core libgtk-3-0)" >&2
    exit 1
  fi
fi

DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
PULSEBOARD_JAVA_OPTS="-Dprism.order=sw -Dpulseboard.data.home=$DATA" \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$ROOT/pulseboard" --screenshots="$OUT"
ls -1 "$OUT"
