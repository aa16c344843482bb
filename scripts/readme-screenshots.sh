#!/usr/bin/env bash
# The README's screenshots: the desktop app in local demo mode under a virtual X server, whole
# screens at 1280x720 and 1920x1080, dark and light, 5 s after the dashboard opens and after two
# minutes. Usage: scripts/readme-screenshots.sh [DIR] (default docs/images). Needs xvfb-run and
# ImageMagick's import (Debian: apt-get install xvfb imagemagick).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/docs/images}" && cd "${1:-$ROOT/docs/images}" && pwd)"
for tool in Xvfb import; do
  command -v "$tool" >/dev/null 2>&1 || { echo "readme-screenshots: needs $tool (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
(cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl app -am) >&2

shoot() { # SIZE THEME DISPLAY
  local size=$1 theme=$2 display=$3 work
  work="$(mktemp -d)"
  mkdir -p "$work/settings"
  printf '{"version":1,"theme":"%s"}\n' "$theme" > "$work/settings/preferences.json"
  Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  local xvfb=$!
  sleep 1
  DISPLAY=":$display" PULSEBOARD_DATA_HOME="$work/data" PULSEBOARD_LOG="$work/pulseboard.log" \
    PULSEBOARD_JAVA_OPTS="-Dprism.order=sw -Dpulseboard.settings.dir=$work/settings" \
    "$ROOT/pulseboard" --local-demo >"$work/out.txt" 2>&1 &
  local app=$!
  for _ in $(seq 1 120); do grep -q "Kafka Streams REBALANCING -> RUNNING" "$work/pulseboard.log" 2>/dev/null && break; sleep 1; done
  sleep 5
  DISPLAY=":$display" import -window root "$OUT/dashboard-$theme-$size-start.png"
  sleep 115
  DISPLAY=":$display" import -window root "$OUT/dashboard-$theme-$size-2min.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}

# One at a time: two demos side by side on a small machine fall behind and the shots show that.
for size in 1280x720 1920x1080; do
  for theme in dark light; do
    shoot "$size" "$theme" 91
  done
done
ls -1 "$OUT"/dashboard-*-*.png
